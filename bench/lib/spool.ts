import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DAY_MS } from "./company";

// The audit trail is generated a chunk of automations at a time, but its rows go in ordered by
// time, with ids that ascend with time as in a real database (the trail is read newest first).
// A chunk's events span the whole past, so they are spooled to disk in buckets of one day each
// (a few MB per bucket at a million automations) and read back oldest bucket first, each sorted
// in memory: memory stays flat whatever the size of the trail. Events of the same time keep the
// order they were added in (the sort is stable).

/** Buckets cover this many days before the anchor; anything older shares the oldest bucket. */
const DAYS = 1_500;
/** A bucket's buffer is written out when it reaches this many characters. */
const FLUSH_AT = 64 * 1024;

/** Where audit rows go: a row is a COPY line without its leading id column. */
export interface AuditSink {
  add(time: number, row: string): void;
  readonly count: number;
}

/** The bucket of an event at `time` (ms): days before `anchor`, later events in the newest. */
export function bucketOf(anchor: number, time: number): number {
  return Math.min(DAYS - 1, Math.max(0, Math.floor((anchor - time) / DAY_MS)));
}

/** A spool line: the time, a tab, the row. */
const spoolLine = (time: number, row: string) => `${time}\t${row}`;

/** One chunk's audit rows by bucket, in memory (a chunk's worker fills it; the spool takes it whole). */
export class AuditBuckets implements AuditSink {
  private readonly buckets = new Map<number, string[]>();
  private added = 0;

  constructor(private readonly anchor: number) {}

  get count(): number {
    return this.added;
  }

  add(time: number, row: string): void {
    const bucket = bucketOf(this.anchor, time);
    let lines = this.buckets.get(bucket);
    if (!lines) {
      lines = [];
      this.buckets.set(bucket, lines);
    }
    lines.push(spoolLine(time, row));
    this.added++;
  }

  /** The rows as UTF-8, one block per bucket: `ends[i]` is where bucket `buckets[i]`'s block ends. */
  encode(): EncodedBuckets {
    const encoder = new TextEncoder();
    const blocks = [...this.buckets].map(
      ([bucket, lines]) => [bucket, encoder.encode(lines.join(""))] as const,
    );
    // A buffer of its own (it is moved between threads).
    const data = new Uint8Array(blocks.reduce((sum, [, block]) => sum + block.length, 0));
    const ends = new Int32Array(blocks.length);
    let end = 0;
    blocks.forEach(([, block], i) => {
      data.set(block, end);
      end += block.length;
      ends[i] = end;
    });
    return { rows: this.added, data, buckets: Int32Array.from(blocks.map(([bucket]) => bucket)), ends };
  }
}

export interface EncodedBuckets {
  rows: number;
  data: Uint8Array;
  buckets: Int32Array;
  ends: Int32Array;
}

export class TimeSpool implements AuditSink {
  private readonly dir: string;
  private readonly buffers = new Array<string>(DAYS).fill("");
  private readonly files = new Array<number | undefined>(DAYS).fill(undefined);
  private added = 0;

  /** `anchor`: the newest time (ms); later events share the newest bucket. */
  constructor(private readonly anchor: number) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), "bench-audit-"));
  }

  get count(): number {
    return this.added;
  }

  /** Adds one row (a COPY line without its leading id column) at `time` (ms, may have decimals). */
  add(time: number, row: string): void {
    const bucket = bucketOf(this.anchor, time);
    const buffer = `${this.buffers[bucket]}${spoolLine(time, row)}`;
    if (buffer.length >= FLUSH_AT) {
      this.write(bucket, buffer);
      this.buffers[bucket] = "";
    } else {
      this.buffers[bucket] = buffer;
    }
    this.added++;
  }

  /** Adds a chunk's rows (AuditBuckets.encode), after every row added before. */
  addEncoded({ rows, data, buckets, ends }: EncodedBuckets): void {
    let start = 0;
    buckets.forEach((bucket, i) => {
      const buffered = this.buffers[bucket];
      if (buffered) {
        this.write(bucket, buffered);
        this.buffers[bucket] = "";
      }
      this.write(bucket, data.subarray(start, ends[i]));
      start = ends[i]!;
    });
    this.added += rows;
  }

  private write(bucket: number, data: string | Uint8Array): void {
    let fd = this.files[bucket];
    if (fd === undefined) {
      fd = openSync(path.join(this.dir, String(bucket)), "a");
      this.files[bucket] = fd;
    }
    if (typeof data === "string") writeSync(fd, data);
    else writeSync(fd, data);
  }

  /**
   * Every row in time order, each prefixed with its id (1, 2, …): the lines of a COPY whose first
   * column is the id. Buckets are removed as they are read.
   */
  *lines(): Generator<string> {
    let id = 0;
    for (let bucket = DAYS - 1; bucket >= 0; bucket--) {
      const fd = this.files[bucket];
      let text = "";
      if (fd !== undefined) {
        closeSync(fd);
        this.files[bucket] = undefined;
        const file = path.join(this.dir, String(bucket));
        text = readFileSync(file, "utf8");
        unlinkSync(file);
      }
      text += this.buffers[bucket];
      this.buffers[bucket] = "";
      if (text.length === 0) continue;
      const rows = text.split("\n");
      rows.pop(); // after the last newline
      const times = new Float64Array(rows.length);
      const tabs = new Uint32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const tab = rows[i]!.indexOf("\t");
        tabs[i] = tab;
        times[i] = Number(rows[i]!.slice(0, tab));
      }
      const order = Uint32Array.from(rows.keys()).sort((a, b) => times[a]! - times[b]! || a - b);
      for (const i of order) yield `${++id}${rows[i]!.slice(tabs[i]!)}\n`;
    }
  }

  /** Removes the spool's files (also after a failure). */
  close(): void {
    for (const fd of this.files) if (fd !== undefined) closeSync(fd);
    this.files.fill(undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type Company, generateCompany } from "./company";
import { AuditTrail, generateNotifications } from "./history";
import { PortfolioGenerator } from "./portfolio";
import { Random } from "./random";
import { type Scale, scaleFor } from "./scale";
import { AuditBuckets, type EncodedBuckets } from "./spool";
import { chunkLoads } from "./tables";

// A chunk of the portfolio, generated and rendered: its tables as COPY text, its audit rows by
// day, its outstanding prerequisites tallied. Chunks are independent of each other — each has
// its own random sequence, derived from the seed and its index — so worker threads render them
// in parallel (the generator's CPU is most of the seed's time) while the main thread copies the
// finished ones into Postgres, in order. The result is the same however many workers there are.

export interface RenderedChunk {
  index: number;
  automations: number;
  /** COPY text (UTF-8) of each table, in load order. */
  tables: Array<{ table: string; columns: readonly string[]; rows: number; data: Uint8Array }>;
  audit: EncodedBuckets;
  /** Outstanding prerequisites of non-retired automations by "departmentIndex|type". */
  outstanding: Array<[string, number]>;
}

/** What a chunk generator needs to rebuild the company exactly as the main thread made it. */
export interface ChunkSetup {
  automations: number;
  seed: number;
  /** The anchor's time (ms). */
  anchor: number;
}

export interface SeededCompany {
  company: Company;
  scale: Scale;
  /** The seed's random sequence after the company's draws (the main thread goes on with it). */
  rng: Random;
  /** Audit events that are not a chunk's: the catalog's, and every person's `user.created`. */
  companyEvents: number;
}

/** The company of a seed: the first draws of the seed's random sequence (the main thread's too). */
export function companyOf(setup: ChunkSetup): SeededCompany {
  const scale = scaleFor(setup.automations);
  const rng = new Random(setup.seed);
  const company = generateCompany(rng, scale, new Date(setup.anchor));
  const counter = { count: 0, add: () => counter.count++ };
  new AuditTrail(counter, company).addCompanyEvents();
  return { company, scale, rng, companyEvents: counter.count + company.people.length };
}

/** The random seed of chunk `index` of a seed's company (a chunk's own sequence). */
export function chunkSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

/**
 * Generates and renders automations [start, end), chunk `index`. Its audit rows are its
 * automations' and requests' history and sign-ins up to its share of the trail: 10 events per
 * automation, less its share of the company's events.
 */
export function renderChunk(
  { company, scale, companyEvents }: SeededCompany,
  seed: number,
  index: number,
  start: number,
  end: number,
): RenderedChunk {
  const rng = new Random(chunkSeed(seed, index));
  const chunk = new PortfolioGenerator(rng, company, scale).chunk(start, end);
  const notifications = generateNotifications(rng, chunk);
  const audit = new AuditBuckets(company.anchor.getTime());
  const trail = new AuditTrail(audit, company);
  trail.addChunkEvents(rng, chunk);
  const perAutomation = scale.auditEvents / scale.automations;
  const companyShare = (at: number) => Math.round((companyEvents * at) / scale.automations);
  const share = (end - start) * perAutomation - (companyShare(end) - companyShare(start));
  trail.addSignIns(rng, share - audit.count);
  const outstanding = new Map<string, number>();
  for (const a of chunk.automations) {
    if (a.status === "RETIRED") continue;
    for (const p of a.prerequisites) {
      if (p.status === "SATISFIED") continue;
      const key = `${a.departmentIndex}|${p.type}`;
      outstanding.set(key, (outstanding.get(key) ?? 0) + 1);
    }
  }
  return {
    index,
    automations: end - start,
    tables: chunkLoads(company, chunk, notifications).map((load) => {
      let text = "";
      for (const line of load.lines()) text += line;
      return { table: load.table, columns: load.columns, rows: load.rows, data: utf8(text) };
    }),
    audit: audit.encode(),
    outstanding: [...outstanding],
  };
}

const encoder = new TextEncoder();

/** The text as UTF-8 in a buffer of its own (never a slice of a shared pool: it is moved between threads). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The buffers a rendered chunk holds: moved to the main thread, not copied. */
export function transferList(chunk: RenderedChunk): ArrayBuffer[] {
  return [...chunk.tables.map((t) => t.data.buffer), chunk.audit.data.buffer] as ArrayBuffer[];
}

/**
 * Renders chunks in `count` worker threads (bench/lib/chunk-worker.ts), or in this thread when
 * `count` is 0. `render` answers in any order; callers await the chunks in theirs.
 */
export class ChunkRenderer {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (chunk: RenderedChunk) => void; reject: (error: Error) => void }
  >();
  private local: ReturnType<typeof companyOf> | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly setup: ChunkSetup,
    count: number,
  ) {
    // The workers run TypeScript through tsx's require hook (the app's `@/` paths included).
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "chunk-worker.ts");
    const tsx = createRequire(import.meta.url).resolve("tsx/cjs/api");
    const script = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`;
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, {
        eval: true,
        workerData: setup,
        // A large young generation: the generator makes short-lived objects by the million.
        resourceLimits: { maxYoungGenerationSizeMb: 128 },
      });
      worker.on("message", (chunk: RenderedChunk) => {
        this.pending.get(chunk.index)?.resolve(chunk);
        this.pending.delete(chunk.index);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`a chunk worker exited with code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  render(index: number, start: number, end: number): Promise<RenderedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.workers.length === 0) {
      this.local ??= companyOf(this.setup);
      return Promise.resolve(renderChunk(this.local, this.setup.seed, index, start, end));
    }
    return new Promise((resolve, reject) => {
      this.pending.set(index, { resolve, reject });
      this.workers[index % this.workers.length]!.postMessage({ index, start, end });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

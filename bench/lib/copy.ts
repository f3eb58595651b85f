import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

// Bulk load through COPY … FROM STDIN in Postgres's text format: one line per row, columns
// separated by tabs, \N for null. Rows are batched into ~256 KB strings, and the stream's
// backpressure keeps the generator from running ahead of the database.

export type Cell = string | number | boolean | Date | null | undefined;

const BATCH_BYTES = 256 * 1024;

/** One value in COPY text format. */
export function cell(value: Cell): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  if (value instanceof Date) return value.toISOString();
  return escapeText(value);
}

const SPECIAL = /[\\\t\n\r]/;

function escapeText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

export function line(values: readonly Cell[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += "\t";
    out += cell(values[i]);
  }
  return `${out}\n`;
}

async function* batched(rows: Iterable<string>, onRows: (count: number) => void): AsyncGenerator<string> {
  let buffer = "";
  let count = 0;
  for (const row of rows) {
    buffer += row;
    count++;
    if (buffer.length >= BATCH_BYTES) {
      yield buffer;
      onRows(count);
      buffer = "";
      count = 0;
    }
  }
  if (buffer.length > 0) {
    yield buffer;
    onRows(count);
  }
}

/**
 * COPYs the lines (from `line()`) into `table`'s `columns`. FREEZE writes the rows already
 * frozen and all-visible, which Postgres allows because the table was truncated in this very
 * transaction: no hint-bit rewrites or vacuum on the first reads of the benchmark.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<string>,
  onRows: (count: number) => void = () => {},
): Promise<void> {
  const columnList = columns.map((column) => `"${column}"`).join(", ");
  const stream = client.query(copyFrom(`COPY ${table} (${columnList}) FROM STDIN WITH (FREEZE)`));
  await pipeline(Readable.from(batched(rows, onRows)), stream);
}

/** COPYs text that is already in COPY format (UTF-8), as one write. */
export async function copyData(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  data: Uint8Array,
): Promise<void> {
  const columnList = columns.map((column) => `"${column}"`).join(", ");
  const stream = client.query(copyFrom(`COPY ${table} (${columnList}) FROM STDIN WITH (FREEZE)`));
  await pipeline(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), stream);
}

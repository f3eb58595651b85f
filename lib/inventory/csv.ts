import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { type ImportError, UnreadableFileError } from "./records";
import { decodeText, peekText } from "./text";

// CSV as Excel, Dataverse and PowerShell write it: "," or ";" (European Excel) or tab
// (Excel's "Unicode text"), any BOM, CRLF, newlines inside quoted cells. Streamed through
// csv-parse; a record at a time is in memory.

/** The longest record accepted: a row longer than this is a broken quote, not data. */
const MAX_RECORD_CHARS = 1_000_000;

export interface CsvColumn {
  /** The name the code uses (a CoE logical name, a template column). */
  key: string;
  /** Other headers meaning the same column (Dataverse display names), any case and spacing. */
  aliases?: readonly string[];
  required?: boolean;
}

export interface CsvRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** By column key; a column absent from the file is absent here. */
  values: Record<string, string>;
}

/** "Flow Display Name", "flow_display_name", " FLOW display  name " → the same. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/^"|"$/g, "")
    .toLowerCase()
    .replace(/[\s_]+/g, " ")
    .trim();
}

export function sniffDelimiter(head: string): string {
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  const counts = [",", ";", "\t"].map((delimiter) => ({
    delimiter,
    count: firstLine.split(delimiter).length - 1,
  }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]!.count > 0 ? counts[0]!.delimiter : ",";
}

export interface CsvFile {
  headers: string[];
  rows: AsyncGenerator<{ row: number; cells: string[] } | ImportError>;
}

/** Opens a CSV stream: its header row now, its data rows one at a time. */
export async function openCsv(input: AsyncIterable<Uint8Array | string>, file: string): Promise<CsvFile> {
  const { head, text } = await peekText(decodeText(input, file), 64 * 1024);
  const trimmed = head.trimStart();
  if (trimmed === "") throw new UnreadableFileError(file, `${file} is empty.`);
  if (trimmed.startsWith("{") || trimmed.startsWith("["))
    throw new UnreadableFileError(file, `${file} is JSON, not CSV: upload it as a PowerShell export.`);
  if (/^<(\?xml|!doctype|html)/i.test(trimmed))
    throw new UnreadableFileError(file, `${file} is XML or HTML, not CSV.`);
  // Rows csv-parse cannot read are skipped and told here, in order, with the records around them.
  const skipped: Array<{ before: number; error: CsvError }> = [];
  const parser = Readable.from(text).pipe(
    parse({
      delimiter: sniffDelimiter(head),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARS,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) skipped.push({ before: Number(error.records ?? 0), error });
      },
      info: true,
    }),
  );
  const iterator: AsyncIterator<{ record: string[]; info: { records: number } }> =
    parser[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    const reason = skipped[0] ? `: ${explain(skipped[0].error)}` : " is empty.";
    throw new UnreadableFileError(
      file,
      `${file}${skipped[0] ? `'s header row cannot be read${reason}` : reason}`,
    );
  }
  const headers = first.value.record.map((header) => header.trim());

  async function* rows(): CsvFile["rows"] {
    let told = 0;
    const tell = function* (upTo: number): Generator<ImportError> {
      while (told < skipped.length && skipped[told]!.before < upTo) {
        const { before, error } = skipped[told]!;
        told += 1;
        yield { file, row: before + told, column: null, message: explain(error) };
      }
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield* tell(next.value.info.records);
      yield { row: next.value.info.records + told, cells: next.value.record };
    }
    yield* tell(Number.POSITIVE_INFINITY);
  }
  return { headers, rows: rows() };
}

function explain(error: unknown): string {
  if (error instanceof CsvError) {
    if (error.code === "CSV_MAX_RECORD_SIZE")
      return `The row is longer than ${MAX_RECORD_CHARS} characters; it is skipped.`;
    if (error.code === "CSV_QUOTE_NOT_CLOSED")
      return "A quoted cell is never closed; the rest of the file is not read.";
    return `The row cannot be read (${error.message.replace(/^Invalid [^:]*: /, "")}); it is skipped.`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Matches a file's headers to the columns wanted: the index of each column found, and the
 * required columns missing, by their first name.
 */
export function matchColumns(
  headers: readonly string[],
  columns: readonly CsvColumn[],
): { index: Map<string, number>; missing: string[] } {
  const position = new Map<string, number>();
  headers.forEach((header, index) => {
    const name = normaliseHeader(header);
    if (!position.has(name)) position.set(name, index);
  });
  const index = new Map<string, number>();
  const missing: string[] = [];
  for (const column of columns) {
    const found = [column.key, ...(column.aliases ?? [])]
      .map((name) => position.get(normaliseHeader(name)))
      .find((at) => at !== undefined);
    if (found !== undefined) index.set(column.key, found);
    else if (column.required) missing.push(column.key);
  }
  return { index, missing };
}

/** A row's cells by column key, trimmed; empty cells are left out. */
export function valuesOf(
  cells: readonly string[],
  index: ReadonlyMap<string, number>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, at] of index) {
    const value = cells[at]?.trim();
    if (value) values[key] = value;
  }
  return values;
}

export function isImportError(value: object): value is ImportError {
  return "message" in value && "file" in value;
}

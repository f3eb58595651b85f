import "server-only";
import { type Bind, SqlParams } from "@/lib/auth/server/scope-sql";
import type { CredentialStore } from "@/lib/domain/types";
import { cursorLines } from "@/lib/export/server/batches";
import { log } from "@/lib/log";
import { maskIfSecret } from "@/lib/secrets/mask";

// CSV exports are streamed: the response body is a pull-based ReadableStream that asks for
// the next batch of lines only when the client has taken the previous one, so a 100,000-row
// export neither holds all rows in memory nor outruns a slow download.
//
// Postgres writes each line (csvLineSql): one text value per row reaches Node instead of a
// dozen typed fields, which keeps both the time and the garbage of a large export small.
// Every field is quoted (RFC 4180 allows it), quotes are doubled, NULL is an empty field, and
// text a spreadsheet would run as a formula (= + - @ tab CR first) gets a leading '.
//
// Free text a person wrote is `mask`ed: Postgres sends its raw value beside the line's other
// cells, and Node writes that cell after maskIfSecret (lib/secrets/mask.ts), so that a value
// stored before the secret rules existed never reaches a file.

export interface CsvColumn {
  header: string;
  /** SQL for the value: text, or a timestamptz (written as ISO 8601 UTC), or a number. */
  sql: string;
  kind?: "text" | "timestamp" | "number";
  /**
   * Text to pass through maskIfSecret: true as free text; `mentions`, SQL for the store and
   * name of a credential the text may quote (hidden when that reference fails its store).
   */
  mask?: true | { mentions: { storeSql: string; nameSql: string } };
}

/** What a cursor yields per row: the line, or (with masked columns) the parts Node finishes. */
export type CsvRowValue = string | ReadonlyArray<string | null>;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell the way csvLineSql writes it, for the header line (and for tests). */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const defused = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${defused.replaceAll('"', '""')}"`;
}

/**
 * SQL for the words a code shows on screen ("READY" → "Ready"), so that an export reads like
 * the page; the code itself goes in a column of its own. A code without a label stays as is.
 */
export function labelSql(sql: string, labels: Readonly<Record<string, string>>): string {
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const branches = Object.entries(labels).map(
    ([code, label]) => `when ${literal(code)} then ${literal(label)}`,
  );
  return `case (${sql})::text ${branches.join(" ")} else (${sql})::text end`;
}

/** The labels of a badge map ({ READY: { label: "Ready", … } } → { READY: "Ready" }). */
export function badgeLabels(badges: Readonly<Record<string, { label: string }>>): Record<string, string> {
  return Object.fromEntries(Object.entries(badges).map(([code, badge]) => [code, badge.label]));
}

/** A timestamptz as the API writes dates (`Date#toISOString`: UTC, milliseconds, "Z"). */
export function isoTimestampSql(sql: string): string {
  return `to_char((${sql}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

function cellSql(column: CsvColumn): string {
  const text =
    column.kind === "timestamp"
      ? isoTimestampSql(column.sql)
      : column.kind === "number"
        ? `(${column.sql})::text`
        : `regexp_replace((${column.sql})::text, '^([=+@\\t\\r-])', '''\\1')`;
  return `coalesce('"' || replace(${text}, '"', '""') || '"', '')`;
}

/** The SQL of one CSV line (without its line break), or with masked columns of its parts. */
export function csvLineSql(columns: ReadonlyArray<CsvColumn>): string {
  if (columns.some((column) => column.mask)) return csvPartsSql(columns);
  return `concat_ws(',', ${columns.map(cellSql).join(",\n    ")})`;
}

/**
 * With masked columns: a text[] of, in column order, each run of unmasked columns as one
 * written segment, and for each masked column its raw text, then the store and the name of
 * the credential it may quote (or nulls). csvLineFromParts finishes it.
 */
function csvPartsSql(columns: ReadonlyArray<CsvColumn>): string {
  const parts: string[] = [];
  let run: CsvColumn[] = [];
  const flush = () => {
    if (run.length > 0) parts.push(`concat_ws(',', ${run.map(cellSql).join(", ")})`);
    run = [];
  };
  for (const column of columns) {
    if (!column.mask) {
      run.push(column);
      continue;
    }
    flush();
    const mentions = column.mask === true ? null : column.mask.mentions;
    parts.push(`(${column.sql})::text`, mentions ? `(${mentions.storeSql})::text` : "null");
    parts.push(mentions ? `(${mentions.nameSql})::text` : "null");
  }
  flush();
  return `array[${parts.join(",\n    ")}]::text[]`;
}

/** One CSV line from what csvLineSql's SQL gave: as it is, or finished with masked cells. */
export function csvLineFromParts(columns: ReadonlyArray<CsvColumn>, value: CsvRowValue): string {
  if (typeof value === "string") return value;
  const cells: string[] = [];
  let at = 0;
  let inRun = false;
  for (const column of columns) {
    if (!column.mask) {
      if (!inRun) cells.push(value[at++] ?? "");
      inRun = true;
      continue;
    }
    inRun = false;
    const [raw, store, name] = [value[at], value[at + 1], value[at + 2]];
    at += 3;
    const context = store && name ? { mentions: [{ store: store as CredentialStore, name }] } : undefined;
    cells.push(csvCell(maskIfSecret(raw ?? null, context)));
  }
  return cells.join(",");
}

/** `<name>-<YYYY-MM-DD>.csv`, the download's file name. */
export function csvFilename(name: string, now = new Date()): string {
  return `${name}-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * The export of one query: `select <the columns' line> as line <query>`, where `query` writes
 * the rest of it (from … where … order by …) with its parameters bound, streamed through a
 * cursor as `<name>-<date>.csv`.
 */
export function csvQueryResponse(
  name: string,
  columns: ReadonlyArray<CsvColumn>,
  query: (bind: Bind) => string,
): Response {
  const { values, bind } = new SqlParams();
  return csvResponse({
    filename: csvFilename(name),
    columns,
    lines: cursorLines(`select ${csvLineSql(columns)} as line ${query(bind)}`, values),
  });
}

/**
 * A streamed CSV download: a UTF-8 byte-order mark (so that Excel reads UTF-8), the header
 * line, then one chunk per batch of lines. With no rows the file is the header only. If the
 * client goes away, the source is closed (its `finally` releases what it holds).
 */
export function csvResponse({
  filename,
  columns,
  lines,
}: {
  filename: string;
  columns: ReadonlyArray<CsvColumn>;
  lines: AsyncGenerator<CsvRowValue[], void, undefined>;
}): Response {
  const encoder = new TextEncoder();
  const header = `\uFEFF${columns.map((column) => csvCell(column.header)).join(",")}\r\n`;
  let started = false;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(header));
          return;
        }
        try {
          const next = await lines.next();
          if (next.done) controller.close();
          else if (next.value.length > 0)
            controller.enqueue(
              encoder.encode(
                `${next.value.map((value) => csvLineFromParts(columns, value)).join("\r\n")}\r\n`,
              ),
            );
        } catch (error) {
          // The client went away (or the server cut the download at shutdown): nothing to report.
          if (cancelled) return;
          // Headers are sent already: the only honest signal left is a broken download.
          log().error(
            { err: error instanceof Error ? error.message : String(error) },
            "CSV export failed mid-stream",
          );
          controller.error(error);
        }
      },
      async cancel() {
        cancelled = true;
        await lines.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, {
    status: 200,
    headers: { ...csvDownloadHeaders(filename), "x-content-type-options": "nosniff" },
  });
}

/** The headers of a CSV download named `filename`, never cached. */
export function csvDownloadHeaders(filename: string): Record<string, string> {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  };
}

import "server-only";

// CSV exports are streamed: the response body is a pull-based ReadableStream that asks for
// the next batch of lines only when the client has taken the previous one, so a 100,000-row
// export neither holds all rows in memory nor outruns a slow download.
//
// Postgres writes each line (csvLineSql): one text value per row reaches Node instead of a
// dozen typed fields, which keeps both the time and the garbage of a large export small.
// Every field is quoted (RFC 4180 allows it), quotes are doubled, NULL is an empty field, and
// text a spreadsheet would run as a formula (= + - @ tab CR first) gets a leading '.

export interface CsvColumn {
  header: string;
  /** SQL for the value: text, or a timestamptz (written as ISO 8601 UTC), or a number. */
  sql: string;
  kind?: "text" | "timestamp" | "number";
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell the way csvLineSql writes it, for the header line (and for tests). */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const defused = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${defused.replaceAll('"', '""')}"`;
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

/** The SQL expression of one CSV line (without its line break) for these columns. */
export function csvLineSql(columns: ReadonlyArray<CsvColumn>): string {
  return `concat_ws(',', ${columns.map(cellSql).join(",\n    ")})`;
}

/** `<name>-<YYYY-MM-DD>.csv`, the download's file name. */
export function csvFilename(name: string, now = new Date()): string {
  return `${name}-${now.toISOString().slice(0, 10)}.csv`;
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
  lines: AsyncGenerator<string[], void, undefined>;
}): Response {
  const encoder = new TextEncoder();
  const header = `\uFEFF${columns.map((column) => csvCell(column.header)).join(",")}\r\n`;
  let started = false;
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
            controller.enqueue(encoder.encode(`${next.value.join("\r\n")}\r\n`));
        } catch (error) {
          // Headers are sent already: the only honest signal left is a broken download.
          console.error("CSV export failed mid-stream:", error instanceof Error ? error.message : error);
          controller.error(error);
        }
      },
      async cancel() {
        await lines.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

import { expect } from "vitest";
import { callRoute } from "./route";

// Reading lists as a client does: filters as a query string, every page of a list, CSV files.

/** A list's filters as a query string. */
export function search(filters: object): string {
  return new URLSearchParams(filters as Record<string, string>).toString();
}

/** Every item of a list (`path` without a query), following nextCursor two at a time. */
export async function listAll(handler: unknown, path: string, token: string, filters: object) {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({
      ...(filters as Record<string, string>),
      limit: "2",
      ...(cursor ? { cursor } : {}),
    });
    const { status, body } = await callRoute(handler, "GET", `${path}?${params}`, { token });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(2);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF), without the byte-order mark. */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

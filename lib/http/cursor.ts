import { badRequest } from "@/lib/http/errors";
import { z } from "@/lib/openapi/zod";

// Keyset pagination for the contract's lists: `?limit=` (default 50, max 200) and an opaque
// `?cursor=` — base64url of "<sort key>|<id>" of the last row of the previous page. Keyset,
// not offset: a page stays stable while rows are added, and a deep page costs what the first does.

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const ZLimit = z.coerce
  .number({ error: "Must be a whole number from 1 to 200." })
  .int("Must be a whole number from 1 to 200.")
  .min(1, "Must be a whole number from 1 to 200.")
  .max(MAX_LIMIT, "Must be a whole number from 1 to 200.")
  .default(DEFAULT_LIMIT)
  .openapi({ type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT });

export const ZCursor = z
  .string()
  .trim()
  .min(1)
  .max(500, "Not a cursor from this API.")
  .optional()
  .openapi({ description: "The `nextCursor` of the previous page." });

export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(`${sortKey}|${id}`, "utf8").toString("base64url");
}

/** The sort key and id of a cursor; a cursor this API did not issue is a 400 on `cursor`. */
export function decodeCursor(cursor: string): { sortKey: string; id: string } {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const split = text.lastIndexOf("|");
  const id = text.slice(split + 1);
  if (split < 0 || !UUID.test(id)) throw invalidCursor();
  return { sortKey: text.slice(0, split), id };
}

/** A createdAt|id cursor, for lists ordered newest first. */
export function decodeTimeCursor(cursor: string): { createdAt: Date; id: string } {
  const { sortKey, id } = decodeCursor(cursor);
  const createdAt = new Date(sortKey);
  if (Number.isNaN(createdAt.getTime())) throw invalidCursor();
  return { createdAt, id };
}

function invalidCursor() {
  return badRequest("Invalid query parameters.", {
    cursor: "Not a cursor from this API; start from the first page.",
  });
}

/** Any 8-4-4-4-12 hexadecimal id, the form Postgres accepts for uuid. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Splits a page fetched with `take: limit + 1` into items and the next cursor. */
export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  sortKeyOf: (row: Row) => string,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(toItem),
    nextCursor: more && last ? encodeCursor(sortKeyOf(last), last.id) : null,
  };
}

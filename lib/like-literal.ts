// Prisma turns `{ equals: text, mode: "insensitive" }` into `ILIKE text` without escaping it, so
// a backslash, % or _ in the text is read as a pattern: "100%" matched "1000", and a name ending
// with a backslash made PostgreSQL refuse the statement (a 500). Every case-insensitive equality
// on user text passes its value through here.

/** The text as an ILIKE pattern that matches exactly itself (PostgreSQL's default escape, `\`). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

// A compact, one-line description of an audit event's before / after snapshots for the
// audit table. Pure, no React.

/** "status: PENDING → APPROVED, version: 1 → 2" for the top-level keys that differ. */
export function summarizeChange(before: unknown, after: unknown): string {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]),
  );
  if (keys.length === 0) return "No field changed";
  const shown = keys.slice(0, 3).map((key) => {
    if (!(key in b)) return `${key}: ${brief(a[key])}`;
    if (!(key in a)) return `${key}: ${brief(b[key])} → —`;
    return `${key}: ${brief(b[key])} → ${brief(a[key])}`;
  });
  return keys.length > 3 ? `${shown.join(", ")} and ${keys.length - 3} more` : shown.join(", ");
}

function brief(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value.length > 40 ? `${value.slice(0, 39)}…` : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.length}]`;
  return "{…}";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

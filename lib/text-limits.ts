// What an input says about its limit, before and after typing. The limits themselves come
// from the features' schemas (one source, e.g. AUTOMATION_LIMITS); an input never cuts what
// was typed (no maxLength): it shows the limit, counts near it, and the check names the excess.

const count = (n: number) => n.toLocaleString("en");

/** "Up to 120 characters." — the hint an input shows before anything is typed. */
export function limitHint(max: number): string {
  return `Up to ${count(max)} characters.`;
}

/** From when the counter shows: the last fifth of the limit, or once over it. */
export function nearLimit(length: number, max: number): boolean {
  return length >= Math.floor(max * 0.8);
}

/** "118 of 120 characters", "5,000 of 120 characters — 4,880 too many". */
export function countText(length: number, max: number): string {
  const over = length - max;
  return over > 0
    ? `${count(length)} of ${count(max)} characters — ${count(over)} too many`
    : `${count(length)} of ${count(max)} characters`;
}

/**
 * The check's message for text over its limit (trimmed, as the server counts), or null:
 * "The name is 5,000 characters long; keep it to 120 or fewer".
 */
export function tooLong(what: string, value: string, max: number): string | null {
  const length = value.trim().length;
  if (length <= max) return null;
  return `${what} is ${count(length)} characters long; keep it to ${count(max)} or fewer`;
}

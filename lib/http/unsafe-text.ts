// Text no field accepts, whatever its schema: a NUL byte cannot be stored by PostgreSQL, an
// unpaired surrogate cannot be stored as jsonb (the audit trail), and bidirectional overrides
// make a name read differently from what it is. The API wrapper refuses them before parsing.

const NUL = "\u0000";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** What is wrong with a piece of text that no field accepts, or null. */
export function unsafeTextProblem(text: string): string | null {
  if (text.includes(NUL)) return "Contains a NUL character (U+0000), which no field accepts.";
  if (LONE_SURROGATE.test(text)) return "Contains an unpaired UTF-16 surrogate: not valid Unicode text.";
  if (BIDI_CONTROL.test(text)) {
    return "Contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069), which could make it read differently from what it is.";
  }
  return null;
}

/** Every string (keys included) in parsed JSON or a query that no field accepts, by its path. */
export function unsafeTextFields(value: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  const visit = (current: unknown, at: string[], depth: number): void => {
    if (depth > 64) return;
    if (typeof current === "string") {
      const problem = unsafeTextProblem(current);
      if (problem) found[at.join(".") || "(root)"] ??= problem;
    } else if (Array.isArray(current)) {
      for (const [index, item] of current.entries()) visit(item, [...at, String(index)], depth + 1);
    } else if (current && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const problem = unsafeTextProblem(key);
        // The key itself may be the problem: name it by where it is, not by its text.
        if (problem) found[[...at, "(key)"].join(".")] ??= problem;
        else visit(item, [...at, key], depth + 1);
      }
    }
  };
  visit(value, [], 0);
  return found;
}

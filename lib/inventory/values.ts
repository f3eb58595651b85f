import { looksLikeSecret } from "@/lib/secrets/detect";
import type { TInventoryFlow } from "./records";

// Cell values as exports write them: "Yes"/"No", "True"/"False", "1"/"0"; states in any case.

export function parseBoolean(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const lower = value.trim().toLowerCase();
  if (["yes", "true", "1", "y"].includes(lower)) return true;
  if (["no", "false", "0", "n"].includes(lower)) return false;
  return null;
}

export function parseFlowState(value: unknown): TInventoryFlow["state"] {
  if (typeof value !== "string") return null;
  const upper = value.trim().toUpperCase();
  return upper === "STARTED" || upper === "STOPPED" || upper === "SUSPENDED" ? upper : null;
}

/** GUIDs compare case-insensitively; braces from some exports are dropped. */
export function normaliseId(value: string): string {
  return value
    .trim()
    .replace(/^\{|\}$/g, "")
    .toLowerCase();
}

export function textOrNull(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** A value refused because it looks like a secret: the message says what it looks like, never the value. */
export function secretMessage(column: string, value: string | null | undefined): string | null {
  if (!value) return null;
  const what = looksLikeSecret(value);
  return what
    ? `${column} looks like ${what}: a secret has no place in an inventory; the row is skipped.`
    : null;
}

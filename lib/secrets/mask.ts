import { CREDENTIAL_STORES, type CredentialStore } from "@/lib/domain/types";
import { looksLikeSecret } from "@/lib/secrets/detect";
import { checkReference, HIDDEN, REFERENCE_GRAMMARS } from "@/lib/secrets/references";

// Rows written before the reference grammar and the secret rules existed may hold a password
// where a reference belongs. Their values are not rewritten: every place that shows stored
// text (API answers and pages, CSV exports, the audit trail, notifications and e-mails, logs)
// passes it through maskIfSecret, which shows HIDDEN instead until someone fixes the row.
// npm run secrets:scan lists those rows for IT.

export { HIDDEN };

/** A reference the text may quote: a credential's name or a connector's key reference. */
export interface Mention {
  store: CredentialStore;
  name: string;
}

/**
 * How to judge the value: as free text (no context), as a reference of a store (its grammar
 * applies too), or as text that may quote references (hidden when it quotes one that fails).
 */
export type MaskContext = CredentialStore | null | undefined | { mentions: ReadonlyArray<Mention | null> };

/** `value`, or HIDDEN when it fails the rules (see MaskContext). Null and undefined pass through. */
export function maskIfSecret(value: string, context?: MaskContext): string;
export function maskIfSecret(value: string | null, context?: MaskContext): string | null;
export function maskIfSecret(
  value: string | null | undefined,
  context?: MaskContext,
): string | null | undefined;
export function maskIfSecret(
  value: string | null | undefined,
  context?: MaskContext,
): string | null | undefined {
  if (value === null || value === undefined || value === "") return value;
  return ruleFailed(value, context) === null ? value : HIDDEN;
}

/**
 * The rule a stored value fails, in words for IT ("looks like a secret (a JWT)"; "not an Azure
 * Key Vault reference: the vault's name must be 3–24 characters long"), or null. Never the value.
 */
export function ruleFailed(value: string, context?: MaskContext): string | null {
  if (value === "") return null;
  if (typeof context === "string") {
    const finding = checkReference(context, value);
    if (!finding) return null;
    return finding.rule === "secret"
      ? `looks like a secret (${finding.what})`
      : `not ${REFERENCE_GRAMMARS[context].noun}: ${finding.problem}`;
  }
  const what = looksLikeSecret(value);
  if (what) return `looks like a secret (${what})`;
  if (!context) return null;
  const quoted = context.mentions.find(
    (mention) =>
      mention !== null &&
      mention.name.trim() !== "" &&
      value.includes(mention.name.trim()) &&
      checkReference(mention.store, mention.name) !== null,
  );
  return quoted ? "quotes a reference that fails its store's rules" : null;
}

const isStore = (value: unknown): value is CredentialStore =>
  typeof value === "string" && (CREDENTIAL_STORES as readonly string[]).includes(value);

/**
 * How a string in a JSON object is judged: a system's credentialName by its credentialStore, a
 * connector's keyReference by its keyStore (else Key Vault, the column's default), a credential
 * reference's name by its store; anything else as free text.
 */
function contextOf(record: Record<string, unknown>, key: string): MaskContext {
  if (key === "credentialName" && isStore(record.credentialStore)) return record.credentialStore;
  if (key === "keyReference") return isStore(record.keyStore) ? record.keyStore : "AZURE_KEY_VAULT";
  if (key === "name" && isStore(record.store)) return record.store;
  return undefined;
}

/**
 * A JSON value (an audit event's before or after) with every string that fails the rules
 * masked (see contextOf). Unchanged parts are returned as they are.
 */
export function maskJson(value: unknown, context?: MaskContext): unknown {
  if (typeof value === "string") return maskIfSecret(value, context);
  if (Array.isArray(value)) {
    const masked = value.map((item) => maskJson(item));
    return masked.some((item, index) => item !== value[index]) ? masked : value;
  }
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  let changed = false;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    const masked = maskJson(item, contextOf(record, key));
    if (masked !== item) changed = true;
    result[key] = masked;
  }
  return changed ? result : value;
}

/** Every string in a JSON value that fails the rules: its path ("systems.0.credentialName") and the rule. */
export function jsonRulesFailed(
  value: unknown,
  path: string[] = [],
  context?: MaskContext,
): Array<{ path: string; rule: string }> {
  if (typeof value === "string") {
    const rule = ruleFailed(value, context);
    return rule ? [{ path: path.join("."), rule }] : [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => jsonRulesFailed(item, [...path, String(index)]));
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  return Object.entries(record).flatMap(([key, item]) =>
    jsonRulesFailed(item, [...path, key], contextOf(record, key)),
  );
}

/** A log line with every line that looks like it holds a secret replaced by HIDDEN. */
export function maskLog(text: string): string {
  return text
    .split("\n")
    .map((line) => (looksLikeSecret(line) ? HIDDEN : line))
    .join("\n");
}

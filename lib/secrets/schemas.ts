import type { z as zod } from "zod";
import { CREDENTIAL_STORES, type CredentialStore } from "@/lib/domain/types";
import { enumOf } from "@/lib/openapi/fields";
import { z } from "@/lib/openapi/zod";
import { looksLikeSecret } from "@/lib/secrets/detect";
import { REFERENCE_GRAMMARS, referenceMessage, referenceProblem } from "@/lib/secrets/references";

// The zod pieces every request schema uses for text: each free-text field refuses a value
// that looks like a secret, and each reference is checked against its store's grammar. Plain
// data: the forms validate with the same schemas. A body whose only problems are secrets is
// answered 422 (lib/http/validation.ts); the message names the field and what the value looks
// like, never the value.

export const SECRET_ADVICE = "Store it in a vault and enter its reference instead.";

/** A field's refusal of a secret value: "Looks like a secret value (a JWT). Store it …". */
export function secretFieldMessage(what: string): string {
  return `Looks like a secret value (${what}). ${SECRET_ADVICE}`;
}

/** A zod issue that refuses a secret carries what the value looks like in `params.secret`. */
export function secretOfIssue(issue: zod.core.$ZodIssue): string | null {
  if (issue.code !== "custom") return null;
  const secret = (issue.params as { secret?: unknown } | undefined)?.secret;
  return typeof secret === "string" ? secret : null;
}

/** The check of one free-text field: `.check(noSecret)` or `.superRefine(noSecret)`. */
export function noSecret(value: string, context: zod.core.$RefinementCtx<string>): void {
  const what = looksLikeSecret(value);
  if (what) {
    context.addIssue({ code: "custom", message: secretFieldMessage(what), params: { secret: what } });
  }
}

/**
 * What a person writes for others to read (a reason, a comment): trimmed, not empty (`required`
 * says why it is needed), at most `max` characters, and refused when it looks like a secret.
 */
export const writtenText = (label: string, max: number, required: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(1, required)
    .max(max, `${label} must be at most ${max} characters.`)
    .superRefine(noSecret);

/** The credential stores as a request field; `label` names it in the message. */
export const credentialStore = (label: string) => enumOf(CREDENTIAL_STORES, label);

const isStore = (value: unknown): value is CredentialStore =>
  typeof value === "string" && (CREDENTIAL_STORES as readonly string[]).includes(value);

/**
 * Checks a reference against its store's grammar, as an object's refinement: `path` is the
 * reference's field, `label` how the message names it. A value that looks like a secret is
 * left to the field's own check (one issue, the 422), as is a missing or malformed one.
 */
export function checkReferenceField(
  context: zod.core.$RefinementCtx<unknown>,
  store: unknown,
  value: unknown,
  path: string,
  label: string,
): void {
  if (!isStore(store) || typeof value !== "string") return;
  const trimmed = value.trim();
  if (trimmed === "" || looksLikeSecret(trimmed)) return;
  const problem = referenceProblem(store, trimmed);
  if (problem) {
    context.addIssue({ code: "custom", path: [path], message: referenceMessage(store, problem, label) });
  }
}

/** The OpenAPI description of a reference field: every store's grammar and an example. */
export function referenceDescription(lead: string): string {
  const lines = CREDENTIAL_STORES.map((store) => {
    const grammar = REFERENCE_GRAMMARS[store];
    return `${store}: ${grammar.grammar}; e.g. ${grammar.examples[0]}`;
  });
  return `${lead} Refused (400) when it does not fit its store's grammar — ${lines.join(". ")}.`;
}

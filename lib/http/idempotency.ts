import { z } from "@/lib/openapi/zod";

// The Idempotency-Key header (decision 020): a client that retries a POST which creates
// something (after a 503, a timeout, a lost answer) sends the same key and gets the first
// answer again instead of a second record. Shared by the route wrapper, which enforces it, and
// the OpenAPI document, which describes it on these operations.

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** How long a key's first answer is kept and replayed. */
export const IDEMPOTENCY_TTL_HOURS = 24;
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/**
 * The operations that honour the header; their route files opt in with `idempotent: true`.
 * Not POST /api/v1/tokens: its answer holds the new token once, and keeping it to replay would
 * store a secret the database otherwise holds only as a hash.
 */
export const IDEMPOTENT_OPERATIONS = [
  "POST /api/v1/automations",
  "POST /api/v1/requests",
  "POST /api/v1/requests/{id}/decision",
  "POST /api/v1/connectors",
  "POST /api/v1/gateways",
] as const;

export const ZIdempotencyKey = z
  .string()
  .min(1)
  .max(IDEMPOTENCY_KEY_MAX_LENGTH)
  .regex(/^[\x21-\x7E]+$/, "Visible ASCII characters only (a UUID, say).")
  .openapi({
    description: `Optional. A key of the client's choosing (a UUID, say), 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters. A retry of the same request (same caller, path and body) with the same key within ${IDEMPOTENCY_TTL_HOURS} hours gets the first answer again, with \`Idempotent-Replayed: true\`, and creates nothing; the same key with another body is 422, and while the first request still runs, 409.`,
    example: "6f1c2a9e-4b7d-4e0a-9d55-3f2b8c1e7a40",
  });

export const ZIdempotencyHeaders = z.object({ [IDEMPOTENCY_HEADER]: ZIdempotencyKey.optional() });

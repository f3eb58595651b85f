import { z } from "@/lib/openapi/zod";

// The `version` a write body sends back: the version of the record the client read. A stale
// one is answered 409 with the record as it is now (decision 009).

/** The body's `version`; `missing` is what a body without one is told. */
export function versionField(missing = "version must be a whole number.") {
  return z
    .number({ error: missing })
    .int("version must be a whole number.")
    .min(1, "version must be a whole number from 1.")
    .max(2_147_483_647, "version must be at most 2147483647.");
}

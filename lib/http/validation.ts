import type { ZodError } from "zod";

/** Zod issues as `{ "systems.1.service": "Required for SHARED_KEY" }`, the contract's `fields`. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "(root)";
    fields[path] ??= issue.message;
  }
  return fields;
}

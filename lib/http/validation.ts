import type { ZodError } from "zod";
import { type AppError, badRequest, unprocessable } from "@/lib/http/errors";
import { SECRET_ADVICE, secretOfIssue } from "@/lib/secrets/schemas";

/** Zod issues as `{ "systems.1.service": "Required for SHARED_KEY" }`, the contract's `fields`. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "(root)";
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * The answer to input that failed its schema: 400 naming the first problem, or 422 when the
 * only problems are values that look like secrets (the same answer as before the schemas
 * checked them). Neither repeats a value.
 */
export function invalidInput(error: ZodError, what: string): AppError {
  const fields = fieldErrors(error);
  const [path, problem] = Object.entries(fields)[0] ?? [];
  const secrets = error.issues.map(secretOfIssue);
  const [firstSecret] = secrets;
  if (path && firstSecret && secrets.every((secret) => secret !== null)) {
    return unprocessable(`${path} looks like a secret value (${firstSecret}). ${SECRET_ADVICE}`, fields);
  }
  return badRequest(path ? `Invalid ${what}: ${path}: ${problem}` : `Invalid ${what}.`, fields);
}

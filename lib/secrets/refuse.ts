import { unprocessable } from "@/lib/http/errors";
import { looksLikeSecret } from "@/lib/secrets/detect";

// Applied to every parsed body that can carry free text, before anything is written. The
// answer names the field and what the value looks like, never the value: neither the error
// body, nor a log line, nor an audit event may hold a secret a maker pasted by mistake.

export interface SecretFinding {
  path: string;
  what: string;
}

/** Every string in `input` that looks like a secret, with its field path ("systems.0.name"). */
export function findSecrets(input: unknown, path: string[] = []): SecretFinding[] {
  if (typeof input === "string") {
    const what = looksLikeSecret(input);
    return what ? [{ path: path.join("."), what }] : [];
  }
  if (Array.isArray(input))
    return input.flatMap((item, index) => findSecrets(item, [...path, String(index)]));
  if (input && typeof input === "object" && !(input instanceof Date)) {
    return Object.entries(input).flatMap(([key, value]) => findSecrets(value, [...path, key]));
  }
  return [];
}

export function secretMessage(finding: SecretFinding): string {
  return `${finding.path} looks like a secret value (${finding.what}). Store it in a vault and enter its reference instead.`;
}

/** Throws 422 UNPROCESSABLE naming every field that looks like a secret. */
export function refuseSecrets(input: unknown): void {
  const findings = findSecrets(input);
  const first = findings[0];
  if (!first) return;
  const fields: Record<string, string> = {};
  for (const finding of findings) {
    fields[finding.path] =
      `Looks like a secret value (${finding.what}). Store it in a vault and enter its reference instead.`;
  }
  throw unprocessable(secretMessage(first), fields);
}

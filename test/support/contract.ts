// Every API answer a test receives is checked against the contract (the OpenAPI document's
// answer schema for that method, path and status), strictly: a field the contract lacks fails.

export interface Answer {
  method: string;
  /** The request path as called, e.g. /api/v1/automations/1b2c… (a query string is ignored). */
  path: string;
  status: number;
  body: unknown;
}

/** Throws when the answer does not match its contract. */
export function checkContract(_answer: Answer): void {
  // Filled in by the contract step.
}

import "server-only";
import type { Tx } from "@/lib/db";
import { unprocessable } from "@/lib/http/errors";

// Checks of catalog input against the database and the clock: well-formed, but refused (422)
// with the field named, before anything is written.

export function assertFutureExpiry(keyExpiresAt: Date, now: Date, field = "keyExpiresAt"): void {
  if (keyExpiresAt.getTime() <= now.getTime()) {
    throw unprocessable(`${field} must be in the future: a key that has already expired satisfies nothing.`, {
      [field]: "Must be a date in the future.",
    });
  }
}

/** The listed departments, all of which must exist. */
export async function assertDepartments(tx: Tx, ids: readonly string[], field = "sharedWith"): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.department.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  const known = new Set(found.map((row) => row.id));
  const index = ids.findIndex((id) => !known.has(id));
  if (index >= 0) {
    throw unprocessable(`${field} names a department that does not exist.`, {
      [`${field}.${index}`]: "No such department.",
    });
  }
}

/** The listed people, all of whom must exist and be active. */
export async function assertActivePeople(tx: Tx, ids: readonly string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.user.findMany({
    where: { id: { in: [...ids] }, active: true },
    select: { id: true },
  });
  const known = new Set(found.map((row) => row.id));
  const index = ids.findIndex((id) => !known.has(id));
  if (index >= 0) {
    const path = field.endsWith("Ids") ? `${field}.${index}` : field;
    throw unprocessable(`${field} names a person who does not exist or is deactivated.`, {
      [path]: "No such active person.",
    });
  }
}

/** Small building blocks shared by the prerequisite rules. Pure, no I/O. */
import type { DerivedPrerequisite, RequestInput, SystemAccessInput } from "@/lib/domain/types";

/** Normalises a system name or service for keys and matching: trim + lower-case. */
export function normaliseKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Keys must be unique within an automation. Two systems whose names normalise alike (e.g.
 * "ERP" and "erp ") get "…#2", "…#3" in input order.
 */
export function uniqueKey(base: string, used: Set<string>): string {
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}#${n}`;
  used.add(key);
  return key;
}

export function present(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

export function prerequisite(
  fields: Pick<DerivedPrerequisite, "key" | "type" | "status" | "reason"> & Partial<DerivedPrerequisite>,
): DerivedPrerequisite {
  return {
    systemAccessId: null,
    systemName: null,
    satisfiedBy: null,
    connectorId: null,
    gatewayId: null,
    action: null,
    ...fields,
  };
}

export function forSystem(system: SystemAccessInput) {
  return { systemAccessId: system.id, systemName: system.name };
}

export type RequestState =
  | { kind: "PENDING" }
  | { kind: "REJECTED"; decisionReason: string | null }
  | { kind: "NONE" };

/**
 * A PENDING request with the key → PENDING; else the latest request (by createdAt, ties:
 * the later one in input order) decides: REJECTED → REJECTED; anything else → NONE.
 */
export function requestState(requests: ReadonlyArray<RequestInput>, key: string): RequestState {
  let latest: RequestInput | undefined;
  for (const request of requests) {
    if (request.prerequisiteKey !== key) continue;
    if (request.status === "PENDING") return { kind: "PENDING" };
    if (latest === undefined || request.createdAt.getTime() >= latest.createdAt.getTime()) latest = request;
  }
  return latest?.status === "REJECTED"
    ? { kind: "REJECTED", decisionReason: latest.decisionReason }
    : { kind: "NONE" };
}

/** Small building blocks shared by the prerequisite rules. Pure, no I/O. */
import type {
  DerivedPrerequisite,
  PrerequisiteAction,
  RequestInput,
  ReviewInput,
  SystemAccessInput,
} from "@/lib/domain/types";

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
    basis: null,
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

/**
 * A prerequisite the maker satisfies by declaring something (a credential reference, a Windows
 * account, who runs it): SATISFIED on the basis DECLARED, or VERIFIED when IT reviewed exactly
 * this declaration and confirmed it. When IT sent exactly this declaration back it is
 * OUTSTANDING again, with IT's reason, until the maker declares something else (a review of
 * another declaration no longer applies).
 */
export function declared(
  fields: Pick<DerivedPrerequisite, "key" | "type" | "reason"> &
    Partial<Pick<DerivedPrerequisite, "systemAccessId" | "systemName">> & { satisfiedBy: string },
  reviews: ReadonlyArray<ReviewInput>,
  sentBack: (itReason: string | null) => { reason: string; action: PrerequisiteAction },
): DerivedPrerequisite {
  const review = reviews.find((r) => r.key === fields.key && r.declaration === fields.satisfiedBy);
  if (review?.outcome === "SENT_BACK") {
    const { reason, action } = sentBack(review.reason);
    const { satisfiedBy: _declaration, ...base } = fields;
    return prerequisite({ ...base, status: "OUTSTANDING", reason, action });
  }
  return prerequisite({
    ...fields,
    status: "SATISFIED",
    basis: review?.outcome === "VERIFIED" ? "VERIFIED" : "DECLARED",
  });
}

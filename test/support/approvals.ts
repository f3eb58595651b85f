import * as decision from "@/app/api/v1/requests/[id]/decision/route";
import { insertAutomation, insertRequest, insertUser, type SystemSpec } from "@/lib/testing/factories";
import { tokenFor } from "./credentials";
import { prisma } from "./db";
import { callRoute } from "./route";

// What IT's tests approve: automations that sign in to a service with a shared key, requests
// for their connector or a gateway, IT approvers in numbers, and the decision call.

/** An API integration that signs in to `service` with a shared key: one SHARED_KEY prerequisite. */
export function sharedKeyAutomation(spec: {
  name: string;
  ownerId: string;
  departmentId: string;
  service: string;
}) {
  const system: SystemSpec = { name: "Service API", signInMethod: "SHARED_KEY", service: spec.service };
  return insertAutomation({
    name: spec.name,
    kind: "API_INTEGRATION",
    runMode: "UNATTENDED",
    ownerId: spec.ownerId,
    departmentId: spec.departmentId,
    systems: [system],
  });
}

/**
 * A desktop flow that needs a gateway (or machine group), nothing else: where it runs and its
 * Windows account are recorded, so its own Windows sign-in is satisfied.
 */
export function desktopFlow(spec: {
  name: string;
  ownerId: string;
  departmentId: string;
  gatewayId?: string;
}) {
  return insertAutomation({
    name: spec.name,
    kind: "DESKTOP_FLOW",
    runMode: "ATTENDED",
    ownerId: spec.ownerId,
    departmentId: spec.departmentId,
    gatewayId: spec.gatewayId ?? null,
    machine: "PC-FIN-042",
    windowsAccount: "CORP\\svc-robot",
    windowsAccountType: "SERVICE",
    systems: [],
  });
}

export const SHARED_KEY = "SHARED_KEY_CONNECTOR:service api";

/** A PENDING connector request for a shared-key automation, filed by its owner. */
export function connectorRequest(automationId: string, requesterId: string, createdAt?: Date) {
  return insertRequest({
    automationId,
    prerequisiteKey: SHARED_KEY,
    type: "SHARED_KEY_CONNECTOR",
    requesterId,
    justification: "The nightly sync needs the API.",
    createdAt,
  });
}

export function gatewayRequest(automationId: string, requesterId: string) {
  return insertRequest({ automationId, prerequisiteKey: "GATEWAY", type: "GATEWAY", requesterId });
}

/** n active IT approvers with API tokens ("approver 1" … "approver n"). */
export async function approvers(n: number) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const user = await insertUser({
        email: `approver${i + 1}@preflight.test`,
        name: `Approver ${i + 1}`,
        roles: ["IT_APPROVER"],
      });
      return { id: user.id, name: user.name, token: await tokenFor(user.id) };
    }),
  );
}

export function decide(token: string, id: string, body: Record<string, unknown>) {
  return callRoute(decision.POST, "POST", `/api/v1/requests/${id}/decision`, { token, body, params: { id } });
}

export async function statusOf(automationId: string) {
  const automation = await prisma.automation.findUniqueOrThrow({
    where: { id: automationId },
    select: {
      status: true,
      prerequisites: { select: { type: true, status: true, reason: true, connectorId: true } },
    },
  });
  return automation;
}

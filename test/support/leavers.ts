import { insertAutomation } from "@/lib/testing/factories";
import { prisma } from "./db";
import { APP_ORIGIN, callRoute, type RouteAnswer } from "./route";

// The steps of a leave that several tests take: an ADMIN deactivates a person on the people
// page (with a successor, or not), and the new owner records the rotation of a credential.

const DAY = 86_400_000;

/** PATCH /api/v1/admin/people/{id} as the ADMIN's browser sends it. */
export async function patchPersonAsAdmin(
  adminCookie: string,
  userId: string,
  body: Record<string, unknown>,
): Promise<RouteAnswer> {
  const { PATCH } = await import("@/app/api/v1/admin/people/[id]/route");
  return callRoute(PATCH, "PATCH", `/api/v1/admin/people/${userId}`, {
    headers: { cookie: adminCookie, origin: APP_ORIGIN, "sec-fetch-site": "same-origin" },
    params: { id: userId },
    body,
  });
}

/**
 * The owner of `automationId` records, with their API token, that the Key Vault credential `name`
 * of its one USERNAME_PASSWORD system `system` was rotated today, with `ownerEmail` its owner now.
 */
export async function recordRotation(input: {
  token: string;
  automationId: string;
  system: string;
  name: string;
  ownerEmail: string;
}): Promise<RouteAnswer> {
  const { PATCH } = await import("@/app/api/v1/automations/[id]/route");
  const current = await prisma.automation.findUniqueOrThrow({ where: { id: input.automationId } });
  return callRoute(PATCH, "PATCH", `/api/v1/automations/${input.automationId}`, {
    token: input.token,
    params: { id: input.automationId },
    body: {
      version: current.version,
      systems: [
        {
          name: input.system,
          location: "CLOUD",
          signInMethod: "USERNAME_PASSWORD",
          credentialReference: {
            store: "AZURE_KEY_VAULT",
            name: input.name,
            owner: input.ownerEmail,
            rotatesAt: new Date(Date.now() + 90 * DAY).toISOString(),
            rotatedAt: new Date().toISOString(),
          },
        },
      ],
    },
  });
}

/**
 * "Payments", a Finance automation of `ownerId` signing in to online banking with a Key Vault
 * credential whose recorded owner is `knownBy` (the e-mail of who knows the password).
 */
export function insertBankingAutomation(input: { ownerId: string; departmentId: string; knownBy: string }) {
  return insertAutomation({
    name: "Payments",
    kind: "CLOUD_FLOW",
    ownerId: input.ownerId,
    departmentId: input.departmentId,
    systems: [
      {
        name: "Online banking",
        signInMethod: "USERNAME_PASSWORD",
        credential: {
          store: "AZURE_KEY_VAULT",
          name: "kv-finance/banking-bot",
          owner: input.knownBy,
          rotatesAt: new Date(Date.now() + 90 * DAY),
        },
      },
    ],
  });
}

import { ZHistoryEvent } from "@/lib/audit/contract";
import { LAPSES } from "@/lib/domain/lapse";
import {
  ASSURANCE_BASES,
  AUTOMATION_KINDS,
  AUTOMATION_STATUSES,
  CREDENTIAL_STORES,
  GATEWAY_KINDS,
  GATEWAY_STATUSES,
  PREREQUISITE_STATUSES,
  PREREQUISITE_TYPES,
  RUN_MODES,
  SIGN_IN_METHODS,
  SYSTEM_LOCATIONS,
  WINDOWS_ACCOUNT_TYPES,
} from "@/lib/domain/types";
import { FINDING_KINDS, FINDING_SEVERITIES } from "@/lib/inventory/findings";
import { ZNamedRef, ZPersonRef, ZTimestamp } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";
import { ZRequest } from "@/lib/requests/contract";

export type { HistoryEvent } from "@/lib/audit/contract";
export { ZHistoryEvent };

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

export const ZPrerequisiteAction = z
  .object({
    kind: z.enum(["REQUEST_CONNECTOR", "REQUEST_GATEWAY", "EDIT_SYSTEM"]),
    label: z.string(),
    service: z.string().optional(),
  })
  .openapi("PrerequisiteAction", { description: "What the maker can do next; null when nothing is to do." });

export const ZAssuranceBasis = z.enum(ASSURANCE_BASES).openapi("AssuranceBasis", {
  description:
    "How a SATISFIED prerequisite is known: DECLARED by the maker (a credential reference, a Windows account, who runs it), APPROVED by IT (a connector or gateway, through a request or the catalog), VERIFIED (IT reviewed the maker's declaration and confirmed it).",
});

/** basis, basisBy and basisAt: on every prerequisite the API answers. */
export const basisFields = {
  basis: ZAssuranceBasis.nullable().openapi({ description: "null unless SATISFIED." }),
  basisBy: ZPersonRef.nullable().openapi({
    description:
      "Who it is known by: the maker who declared it, the IT person who approved or verified it; null for the system (approved by IT, nobody named) or when not SATISFIED.",
  }),
  basisAt: ZTimestamp.nullable().openapi({
    description: "When it became satisfied on this basis; null unless SATISFIED.",
  }),
};

/** Why an EXPIRED prerequisite lapsed, read from the catalog (lib/domain/lapse.ts). */
export const ZLapse = z.enum(LAPSES).nullable().openapi("Lapse", {
  description:
    "Why an EXPIRED prerequisite lapsed, from the catalog record it points at: REVOKED (its connector was revoked), EXPIRED (a connector's key or a credential's rotation date passed), GATEWAY_OFFLINE, DECOMMISSIONED (its gateway). Null for every other status. Not a status: status stays EXPIRED.",
});

export const ZPrerequisite = z
  .object({
    id: z.uuid(),
    key: z.string().openapi({ example: "SHARED_KEY_CONNECTOR:erp" }),
    type: z.enum(PREREQUISITE_TYPES),
    status: z.enum(PREREQUISITE_STATUSES),
    lapse: ZLapse,
    systemAccessId: z.uuid().nullable(),
    systemName: z.string().nullable(),
    satisfiedBy: z.string().nullable(),
    connectorId: z.uuid().nullable(),
    gatewayId: z.uuid().nullable(),
    reason: z.string().openapi({ description: "Why it is needed and what to do, in plain words." }),
    action: ZPrerequisiteAction.nullable(),
    ...basisFields,
    updatedAt: ZTimestamp,
  })
  .openapi("Prerequisite");

export const ZSystemAccess = z
  .object({
    id: z.uuid(),
    name: z.string(),
    location: z.enum(SYSTEM_LOCATIONS),
    signInMethod: z.enum(SIGN_IN_METHODS),
    sso: z.boolean(),
    service: z.string().nullable(),
    credentialReference: z
      .object({
        store: z.enum(CREDENTIAL_STORES),
        name: z.string(),
        owner: z.string(),
        rotatesAt: ZTimestamp,
      })
      .nullable(),
    machineGroup: z.string().nullable(),
    windowsAccount: z.string().nullable(),
    windowsAccountType: z.enum(WINDOWS_ACCOUNT_TYPES).nullable(),
    inferred: z.boolean().openapi({
      description:
        "Inferred from the tenant by an inventory import; false once the owner confirmed or edited it.",
    }),
    externalId: z.string().nullable().openapi({ description: "The connector id it was inferred from." }),
  })
  .openapi("SystemAccess");

export const ZFinding = z
  .object({
    id: z.uuid(),
    kind: z.enum(FINDING_KINDS),
    label: z.string(),
    subject: z.string().openapi({
      description:
        "What it is about within the automation (a connector id, a gateway); empty for the automation itself.",
    }),
    severity: z.enum(FINDING_SEVERITIES),
    category: z
      .string()
      .openapi({ description: "Its OWASP Low-Code/No-Code Top 10 category, LCNC-SEC-01 … 10." }),
    message: z.string().openapi({ description: "The next step, in plain words." }),
    firstSeenAt: ZTimestamp,
    lastSeenAt: ZTimestamp,
  })
  .openapi("Finding", {
    description: "Where what runs in the tenant differs from what was declared; open ones only.",
  });

export const ZInventoryOrigin = z
  .object({
    source: z.enum(["PREFLIGHT_CSV", "COE", "POWERSHELL", "LIVE_SYNC"]),
    environmentId: z.string(),
    externalId: z.string().openapi({ description: "The flow's id in its environment." }),
    lastSeenAt: ZTimestamp.nullable(),
    notSeenSince: ZTimestamp.nullable().openapi({
      description: "A later import of its environment no longer listed it.",
    }),
  })
  .openapi("InventoryOrigin", {
    description: "Where an imported automation came from; null for one registered here.",
  });

const summaryFields = {
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(AUTOMATION_KINDS),
  runMode: z.enum(RUN_MODES),
  status: z.enum(AUTOMATION_STATUSES),
  version: z.number().int(),
  ownerId: z.uuid(),
  owner: ZPersonRef,
  departmentId: z.uuid(),
  department: ZNamedRef,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
};

export const ZAutomationSummary = z
  .object({
    ...summaryFields,
    outstandingCount: z.number().int().openapi({ description: "Prerequisites not SATISFIED." }),
    systemCount: z.number().int(),
    findingCount: z.number().int().openapi({ description: "Open inventory findings." }),
    ownerMissing: z.enum(["NOT_FOUND", "LEFT"]).nullable(),
  })
  .openapi("AutomationSummary");

export const ZAutomation = z
  .object({
    ...summaryFields,
    runAs: z.string().nullable(),
    machine: z.string().nullable().openapi({
      description: "DESKTOP_FLOW: the machine or machine group it runs on.",
    }),
    windowsAccount: z.string().nullable().openapi({
      description: "DESKTOP_FLOW: the Windows account it signs in to that machine with.",
    }),
    windowsAccountType: z.enum(WINDOWS_ACCOUNT_TYPES).nullable(),
    gatewayId: z.uuid().nullable(),
    gateway: z
      .object({
        id: z.uuid(),
        name: z.string(),
        kind: z.enum(GATEWAY_KINDS),
        status: z.enum(GATEWAY_STATUSES),
      })
      .nullable(),
    retiredAt: ZTimestamp.nullable(),
    inventory: ZInventoryOrigin.nullable(),
    ownerMissing: z.enum(["NOT_FOUND", "LEFT"]).nullable().openapi({
      description:
        "It has no active owner: its owner from an import has no account here (NOT_FOUND) or left (LEFT).",
    }),
    findings: z.array(ZFinding),
    systems: z.array(ZSystemAccess),
    prerequisites: z.array(ZPrerequisite),
    requests: z.array(ZRequest),
    history: z.array(ZHistoryEvent).openapi({
      description: "Its audit events and its requests', newest first (at most 100).",
    }),
    permissions: z
      .object({
        edit: z.boolean(),
        retire: z.boolean(),
        reassign: z.boolean().openapi({
          description:
            "May give it a new owner (POST /api/v1/automations/reassign): its department's MANAGER, or an ADMIN.",
        }),
        confirm: z.boolean().openapi({
          description:
            "May confirm the sign-in methods an inventory import inferred (the owner, while any is inferred).",
        }),
        review: z.boolean().openapi({
          description: "May mark its declared prerequisites verified or send them back (IT).",
        }),
      })
      .openapi({ description: "What the caller may do with it now." }),
  })
  .openapi("Automation");

export type PrerequisiteAction = z.infer<typeof ZPrerequisiteAction>;
export type AssuranceBasisValue = z.infer<typeof ZAssuranceBasis>;
export type Prerequisite = z.infer<typeof ZPrerequisite>;
export type SystemAccess = z.infer<typeof ZSystemAccess>;
export type Finding = z.infer<typeof ZFinding>;
export type AutomationSummary = z.infer<typeof ZAutomationSummary>;
export type Automation = z.infer<typeof ZAutomation>;

import { normaliseKey } from "@/lib/domain/engine-helpers";
import {
  ASSURANCE_BASES,
  AUTOMATION_KINDS,
  AUTOMATION_STATUSES,
  CREDENTIAL_STORES,
  RUN_MODES,
  SIGN_IN_METHODS,
  SYSTEM_LOCATIONS,
  WINDOWS_ACCOUNT_TYPES,
} from "@/lib/domain/types";
import { versionField } from "@/lib/http/version";
import { FINDING_KINDS } from "@/lib/inventory/findings";
import { enumOf, listQuery } from "@/lib/openapi/fields";
import { z } from "@/lib/openapi/zod";
import { checkReferenceField, noSecret, referenceDescription } from "@/lib/secrets/schemas";

// The automation bodies of API.md. Plain data only (no server imports), so the registration
// wizard validates with the very schemas the API does. Every text refuses a value that looks
// like a secret (lib/secrets/schemas.ts: answered 422, not 400), and a credential's name must
// fit its store's grammar (400).

export const MAX_SYSTEMS = 30;

/**
 * How long each text may be, in characters after trimming: the one source of the schemas
 * below and of the form, which shows each limit beside its input (lib/automations/form.ts).
 */
export const AUTOMATION_LIMITS = {
  name: 120,
  description: 2000,
  runAs: 200,
  system: 100,
  service: 64,
  /** Machine, machine group and Windows account names. */
  short: 200,
  credentialName: 300,
  owner: 254,
} as const;
const L = AUTOMATION_LIMITS;

const plainText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`);

const text = (label: string, max: number) => plainText(label, max).superRefine(noSecret);

const requiredText = (label: string, max: number) => text(label, max).min(1, `${label} is required.`);

/** Empty or absent → null, so that "" clears an optional field instead of storing blanks. */
const optionalText = (label: string, max: number) =>
  text(label, max)
    .nullish()
    .transform((value) => (value ? value : null));

/** In a change: absent → unchanged; null or "" → cleared. */
const clearable = (label: string, description: string) =>
  text(label, L.short)
    .nullish()
    .transform((value) => (value === undefined ? undefined : value || null))
    .openapi({ description: `${description} null or an empty string clears it.` });

/** The key connectors are matched on, e.g. "sap-erp": lower-case letters and digits, joined by "-" or ".". */
export const ZServiceKey = z
  .string({ error: "service must be text." })
  .trim()
  .toLowerCase()
  .min(1, 'service must not be empty: give the service key, e.g. "sap-erp", or leave it out.')
  .max(L.service, `service must be at most ${L.service} characters.`)
  .regex(
    /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/,
    'service must be a service key such as "sap-erp": letters, digits and single "-" or "." between them.',
  )
  .openapi({ example: "sap-erp", description: "Trimmed and lower-cased before the pattern is checked." });

/** A calendar date ("2027-01-31", read as midnight UTC) or an ISO date-time with an offset. */
export const ZFutureDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: "rotatesAt must be a date such as 2027-01-31 or an ISO date-time.",
  })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() > Date.now(), "rotatesAt must be in the future.")
  .openapi({ example: "2027-01-31" });

/** When a credential was rotated: a date or date-time that has passed. */
const ZPastDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: "rotatedAt must be a date such as 2026-12-01 or an ISO date-time.",
  })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() <= Date.now() + 60_000, "rotatedAt must not be in the future.")
  .openapi({ example: "2026-12-01" });

export const ZCredentialReference = z
  .object({
    store: enumOf(CREDENTIAL_STORES, "store"),
    name: requiredText("The credential's name", L.credentialName).openapi({
      description: referenceDescription(
        "Where the secret lives, in the form of its store (a vault's secret URI, a path, an ARN…), never the secret.",
      ),
      example: "kv-finance/banking-bot",
    }),
    owner: z
      .string({ error: "owner must be an e-mail address." })
      .trim()
      .toLowerCase()
      .pipe(
        z
          .email("owner must be an e-mail address.")
          .max(L.owner, `owner must be at most ${L.owner} characters.`),
      )
      .openapi({ format: "email" }),
    rotatesAt: ZFutureDate,
    rotatedAt: ZPastDate.optional().openapi({
      description:
        "When it was last rotated. After the person who knew it left, the prerequisite stays outstanding until a rotation after that day is recorded. Left out: the recorded one stays.",
    }),
  })
  .strict()
  .superRefine((reference, context) =>
    checkReferenceField(context, reference.store, reference.name, "name", "credentialReference.name"),
  )
  .openapi("CredentialReference");

export const ZSystemAccessInput = z
  .object({
    name: requiredText("The system's name", L.system).openapi({ example: "Online banking" }),
    location: enumOf(SYSTEM_LOCATIONS, "location"),
    signInMethod: enumOf(SIGN_IN_METHODS, "signInMethod"),
    sso: z.boolean({ error: "sso must be true or false." }).default(false),
    service: ZServiceKey.nullish().openapi({ description: "Required for SHARED_KEY: the service key." }),
    credentialReference: ZCredentialReference.nullish(),
    machineGroup: optionalText("machineGroup", L.short).openapi({
      description: "WINDOWS: the machine or machine group it runs on.",
    }),
    windowsAccount: optionalText("windowsAccount", L.short).openapi({
      description: "WINDOWS: the account it runs under, e.g. CORP\\svc-bank-bot.",
    }),
    windowsAccountType: enumOf(WINDOWS_ACCOUNT_TYPES, "windowsAccountType").nullish(),
  })
  .strict()
  .superRefine((system, context) => {
    // Fields of another sign-in method are refused rather than silently dropped: a maker who
    // switched methods should see what no longer applies.
    const onlyFor = (field: keyof typeof system, method: string, present: boolean) => {
      if (present && system.signInMethod !== method) {
        context.addIssue({
          code: "custom",
          path: [field],
          message: `${field} applies only to ${method} systems; remove it or change signInMethod.`,
        });
      }
    };
    if (system.signInMethod === "SHARED_KEY" && !system.service) {
      context.addIssue({
        code: "custom",
        path: ["service"],
        message: "service is required for SHARED_KEY systems.",
      });
    }
    onlyFor("service", "SHARED_KEY", !!system.service);
    onlyFor("credentialReference", "USERNAME_PASSWORD", !!system.credentialReference);
    onlyFor("sso", "USERNAME_PASSWORD", system.sso);
    onlyFor("machineGroup", "WINDOWS", !!system.machineGroup);
    onlyFor("windowsAccount", "WINDOWS", !!system.windowsAccount);
    onlyFor("windowsAccountType", "WINDOWS", !!system.windowsAccountType);
    if (system.sso && system.credentialReference) {
      context.addIssue({
        code: "custom",
        path: ["credentialReference"],
        message: "A system that signs in with SSO has no credential of its own; remove credentialReference.",
      });
    }
  })
  .openapi("SystemAccessInput");

const ZSystems = z
  .array(ZSystemAccessInput, { error: "systems must be a list." })
  .min(1, "Add at least one system the automation signs in to.")
  .max(MAX_SYSTEMS, `An automation can list at most ${MAX_SYSTEMS} systems.`)
  .superRefine((systems, context) => {
    // Prerequisites are keyed by the normalised system name, so "ERP" and "erp " are one system.
    const seen = new Map<string, number>();
    systems.forEach((system, index) => {
      const key = normaliseKey(system.name);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        context.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `Another system (systems.${first}) already has this name; system names must be unique.`,
        });
    });
  });

const fields = {
  name: requiredText("name", L.name).openapi({ example: "Expense reporting" }),
  description: text("description", L.description).default(""),
  kind: enumOf(AUTOMATION_KINDS, "kind"),
  runMode: enumOf(RUN_MODES, "runMode"),
  departmentId: z
    .uuid("departmentId must be a department id.")
    .optional()
    .openapi({ description: "Defaults to the maker's department; must be theirs or one they manage." }),
  runAs: optionalText("runAs", L.runAs).openapi({
    description:
      "ATTENDED: the people or Entra group who run it; UNATTENDED: the service account or service principal.",
  }),
  systems: ZSystems,
};

/** DESKTOP_FLOW: where it runs and the Windows account it signs in there with. */
const desktopFields = {
  machine: optionalText("machine", L.short).openapi({
    description: "DESKTOP_FLOW: the machine or machine group it runs on, e.g. PC-FIN-042.",
  }),
  windowsAccount: optionalText("windowsAccount", L.short).openapi({
    description: "DESKTOP_FLOW: the Windows account it runs under, e.g. CORP\\svc-ap-bot.",
  }),
  windowsAccountType: enumOf(WINDOWS_ACCOUNT_TYPES, "windowsAccountType")
    .nullish()
    .openapi({ description: "DESKTOP_FLOW: UNATTENDED needs SERVICE (a non-personal account)." }),
};
export const DESKTOP_FIELDS = ["machine", "windowsAccount", "windowsAccountType"] as const;

/**
 * Where it runs applies to desktop flows only: a value for another kind is refused rather than
 * silently dropped (null clears it, and is always accepted).
 */
export function refuseDesktopFieldsFor(
  kind: string | undefined,
  body: Partial<Record<(typeof DESKTOP_FIELDS)[number], unknown>>,
  addIssue: (field: string, message: string) => void,
): void {
  if (kind === undefined || kind === "DESKTOP_FLOW") return;
  for (const field of DESKTOP_FIELDS) {
    if (body[field] !== undefined && body[field] !== null) {
      addIssue(
        field,
        `${field} applies only to desktop flows (kind DESKTOP_FLOW); remove it or change kind.`,
      );
    }
  }
}

/** refuseDesktopFieldsFor as a body's refinement: each field at fault is an issue at its path. */
function refuseDesktopFields<T extends { kind?: string } & Parameters<typeof refuseDesktopFieldsFor>[1]>(
  body: T,
  context: z.core.$RefinementCtx<T>,
): void {
  refuseDesktopFieldsFor(body.kind, body, (field, message) =>
    context.addIssue({ code: "custom", path: [field], message }),
  );
}

export const ZCreateAutomationBody = z
  .object({ ...fields, ...desktopFields })
  .strict()
  .superRefine(refuseDesktopFields)
  .openapi("CreateAutomationBody");
export type TCreateAutomationBody = z.infer<typeof ZCreateAutomationBody>;
/** What a client sends to create one (before the server's defaults and trimming). */
export type CreateAutomationBody = z.input<typeof ZCreateAutomationBody>;
export type SystemAccessBody = z.input<typeof ZSystemAccessInput>;

export const ZUpdateAutomationBody = z
  .object({
    name: fields.name.optional(),
    description: text("description", L.description).optional(),
    kind: fields.kind.optional(),
    runMode: fields.runMode.optional(),
    departmentId: fields.departmentId,
    // Absent: unchanged; null or "": cleared.
    runAs: text("runAs", L.runAs)
      .nullish()
      .transform((value) => (value === undefined ? undefined : value || null))
      .openapi({ description: "null or an empty string clears it." }),
    machine: clearable("machine", "DESKTOP_FLOW: the machine or machine group it runs on."),
    windowsAccount: clearable("windowsAccount", "DESKTOP_FLOW: the Windows account it runs under."),
    windowsAccountType: enumOf(WINDOWS_ACCOUNT_TYPES, "windowsAccountType")
      .nullish()
      .openapi({ description: "null clears it." }),
    systems: ZSystems.optional().openapi({
      description:
        "The full new list. Systems are matched to the current ones by name, keeping their identity.",
    }),
    version: versionField("version is required: send the version you read."),
  })
  .strict()
  .refine((body) => Object.entries(body).some(([key, value]) => key !== "version" && value !== undefined), {
    message: "Nothing to change: send at least one field besides version.",
  })
  .superRefine(refuseDesktopFields)
  .openapi("UpdateAutomationBody");
export type TUpdateAutomationBody = z.infer<typeof ZUpdateAutomationBody>;
export type UpdateAutomationBody = z.input<typeof ZUpdateAutomationBody>;

export const ZRetireAutomationBody = z
  .object({
    version: versionField("version is required: send the version you read."),
  })
  .strict()
  .openapi("RetireAutomationBody");
export type TRetireAutomationBody = z.infer<typeof ZRetireAutomationBody>;

/** Confirming, like retiring, states only the version read. */
export const ZVersionBody = ZRetireAutomationBody;

export const ZAutomationListQuery = listQuery({
  status: enumOf(AUTOMATION_STATUSES, "status").optional(),
  departmentId: z.uuid("departmentId must be a department id.").optional(),
  kind: enumOf(AUTOMATION_KINDS, "kind").optional(),
  basis: enumOf(ASSURANCE_BASES, "basis").optional().openapi({
    description:
      "Automations with at least one prerequisite SATISFIED on this basis: DECLARED finds those with something in place on the maker's declaration only.",
  }),
  q: plainText("q", 200)
    .optional()
    .openapi({ description: "Matches the name or description, ignoring case." }),
  finding: enumOf(["ANY", ...FINDING_KINDS] as const, "finding")
    .optional()
    .openapi({
      description: "Automations with an open inventory finding of this kind (ANY: of any kind).",
    }),
  ownerMissing: z
    .enum(["true"], { error: 'ownerMissing must be "true" or left out.' })
    .optional()
    .openapi({ description: "true: only automations without an active owner." }),
});
export type TAutomationListQuery = z.infer<typeof ZAutomationListQuery>;
/** The list's filters as the pages hold them (every one optional). */
export type AutomationFilters = Partial<TAutomationListQuery>;

/** GET /api/v1/automations/export: the list's filters, every page. */
export const ZAutomationExportQuery = ZAutomationListQuery.omit({ limit: true, cursor: true });
export type TAutomationExportQuery = z.infer<typeof ZAutomationExportQuery>;

export const MAX_REASSIGN = 500;

export const ZReassignAutomationsBody = z
  .object({
    automationIds: z
      .array(z.uuid("Each automation id must be an id."), {
        error: "automationIds must be a list of automation ids.",
      })
      .min(1, "Choose at least one automation.")
      .max(MAX_REASSIGN, `At most ${MAX_REASSIGN} automations at once.`),
    ownerEmail: z
      .string({ error: "ownerEmail must be text." })
      .trim()
      .toLowerCase()
      .pipe(z.email("ownerEmail must be the new owner's e-mail address.")),
  })
  .strict()
  .openapi("ReassignAutomationsBody");
export type TReassignAutomationsBody = z.infer<typeof ZReassignAutomationsBody>;

import type { Automation } from "@/lib/automations/contract";
import {
  AUTOMATION_LIMITS,
  type CreateAutomationBody,
  type SystemAccessBody,
  type UpdateAutomationBody,
  ZCreateAutomationBody,
} from "@/lib/automations/schemas";
import type {
  AutomationKind,
  CredentialStore,
  DerivedPrerequisite,
  EngineInput,
  RunMode,
  SignInMethod,
  SystemAccessInput,
  SystemLocation,
  WindowsAccountType,
} from "@/lib/domain/types";
import {
  AUTOMATION_KINDS,
  CREDENTIAL_STORES,
  RUN_MODES,
  SIGN_IN_METHODS,
  SYSTEM_LOCATIONS,
  WINDOWS_ACCOUNT_TYPES,
} from "@/lib/domain/types";
import { tooLong } from "@/lib/text-limits";

// The registration form's model: what the maker has typed so far (strings, "" for "not
// answered yet"), its conversion to the API body and to the engine's input, client-side
// checks, and the mapping of error paths (the API's `fields` keys, e.g.
// "systems.1.credentialReference.owner") to controls and wizard steps. Pure, no React.

export interface SystemDraft {
  /** Client-side identity (React key, engine id); never sent. */
  uid: string;
  name: string;
  location: SystemLocation | "";
  signInMethod: SignInMethod | "";
  sso: boolean;
  service: string;
  credentialStore: CredentialStore | "";
  credentialName: string;
  credentialOwner: string;
  /** yyyy-mm-dd, as an <input type="date"> gives it. */
  credentialRotatesAt: string;
  /** yyyy-mm-dd: when it was last rotated; empty leaves the recorded date as it is. */
  credentialRotatedAt: string;
  machineGroup: string;
  windowsAccount: string;
  windowsAccountType: WindowsAccountType | "";
}

export interface AutomationDraft {
  name: string;
  description: string;
  kind: AutomationKind | "";
  runMode: RunMode | "";
  departmentId: string;
  runAs: string;
  /** DESKTOP_FLOW: where it runs and the Windows account it signs in there with. */
  machine: string;
  windowsAccount: string;
  windowsAccountType: WindowsAccountType | "";
  systems: SystemDraft[];
}

/** API field path → message. */
export type FieldErrors = Record<string, string>;

export const STEPS = [
  { id: "basics", title: "What the automation does" },
  { id: "systems", title: "The systems it signs in to" },
  { id: "prerequisites", title: "Prerequisites" },
  { id: "review", title: "Review and submit" },
] as const;
export type StepIndex = 0 | 1 | 2 | 3;

/**
 * The API's limits (lib/automations/schemas.ts): each input shows its limit and the checks
 * below refuse what is over it, naming it; nothing typed is cut.
 */
export const LIMITS = AUTOMATION_LIMITS;

let uidCounter = 0;
export function newUid(): string {
  uidCounter += 1;
  return `s${Date.now().toString(36)}${uidCounter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function emptySystem(): SystemDraft {
  return {
    uid: newUid(),
    name: "",
    location: "",
    signInMethod: "",
    sso: false,
    service: "",
    credentialStore: "",
    credentialName: "",
    credentialOwner: "",
    credentialRotatesAt: "",
    credentialRotatedAt: "",
    machineGroup: "",
    windowsAccount: "",
    windowsAccountType: "",
  };
}

export function emptyDraft(departmentId = ""): AutomationDraft {
  return {
    name: "",
    description: "",
    kind: "",
    runMode: "",
    departmentId,
    runAs: "",
    machine: "",
    windowsAccount: "",
    windowsAccountType: "",
    systems: [emptySystem()],
  };
}

function dateInputValue(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}

export function draftFromAutomation(automation: Automation): AutomationDraft {
  return {
    name: automation.name,
    description: automation.description ?? "",
    kind: automation.kind,
    runMode: automation.runMode,
    departmentId: automation.department?.id ?? automation.departmentId ?? "",
    runAs: automation.runAs ?? "",
    machine: automation.machine ?? "",
    windowsAccount: automation.windowsAccount ?? "",
    windowsAccountType: automation.windowsAccountType ?? "",
    systems: automation.systems.map((system) => ({
      uid: system.id ?? newUid(),
      name: system.name,
      location: system.location,
      signInMethod: system.signInMethod,
      sso: system.sso,
      service: system.service ?? "",
      credentialStore: system.credentialReference?.store ?? "",
      credentialName: system.credentialReference?.name ?? "",
      credentialOwner: system.credentialReference?.owner ?? "",
      credentialRotatesAt: dateInputValue(system.credentialReference?.rotatesAt),
      // Not shown back: a date typed here is a new rotation to record.
      credentialRotatedAt: "",
      machineGroup: system.machineGroup ?? "",
      windowsAccount: system.windowsAccount ?? "",
      windowsAccountType: system.windowsAccountType ?? "",
    })),
  };
}

// ---------------------------------------------------------------------------------------
// To the API
// ---------------------------------------------------------------------------------------

function hasCredentialInput(system: SystemDraft): boolean {
  return Boolean(
    system.credentialStore ||
      system.credentialName.trim() ||
      system.credentialOwner.trim() ||
      system.credentialRotatesAt,
  );
}

/**
 * A rotation recorded for today is sent as this very moment: a leave earlier today must not
 * outdate it (a date alone reads as midnight UTC). Any other day is sent as the date.
 */
export function rotationInstant(day: string, now = new Date()): string {
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return day === today ? now.toISOString() : day;
}

/** Only the fields of the chosen sign-in method are sent; answers to other methods stay in the draft. */
function toSystemBody(system: SystemDraft): SystemAccessBody {
  const body: SystemAccessBody = {
    name: system.name.trim(),
    location: system.location as SystemLocation,
    signInMethod: system.signInMethod as SignInMethod,
  };
  switch (system.signInMethod) {
    case "USERNAME_PASSWORD":
      body.sso = system.sso;
      if (!system.sso && hasCredentialInput(system)) {
        body.credentialReference = {
          store: system.credentialStore as CredentialStore,
          name: system.credentialName.trim(),
          owner: system.credentialOwner.trim(),
          rotatesAt: system.credentialRotatesAt,
          ...(system.credentialRotatedAt ? { rotatedAt: rotationInstant(system.credentialRotatedAt) } : {}),
        };
      }
      break;
    case "SHARED_KEY":
      body.service = system.service.trim();
      break;
    case "WINDOWS":
      if (system.machineGroup.trim()) body.machineGroup = system.machineGroup.trim();
      if (system.windowsAccount.trim()) body.windowsAccount = system.windowsAccount.trim();
      if (system.windowsAccountType) body.windowsAccountType = system.windowsAccountType;
      break;
  }
  return body;
}

/** Where it runs, for a desktop flow; answers to it stay in the draft for other kinds. */
function whereItRuns(draft: AutomationDraft) {
  if (draft.kind !== "DESKTOP_FLOW") return {};
  const machine = draft.machine.trim();
  const windowsAccount = draft.windowsAccount.trim();
  return {
    ...(machine ? { machine } : {}),
    ...(windowsAccount ? { windowsAccount } : {}),
    ...(draft.windowsAccountType ? { windowsAccountType: draft.windowsAccountType } : {}),
  };
}

export function toCreateBody(draft: AutomationDraft): CreateAutomationBody {
  const runAs = draft.runAs.trim();
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    kind: draft.kind as AutomationKind,
    runMode: draft.runMode as RunMode,
    ...(draft.departmentId ? { departmentId: draft.departmentId } : {}),
    ...(runAs ? { runAs } : {}),
    ...whereItRuns(draft),
    systems: draft.systems.map(toSystemBody),
  };
}

/**
 * The whole form with the version it was based on; a cleared run-as is sent as null, and so is
 * any part of where a desktop flow runs that is not answered. (For another kind the server
 * clears where it ran itself.)
 */
export function toUpdateBody(
  draft: AutomationDraft,
  version: number,
  hadRunAs: boolean,
): UpdateAutomationBody {
  const cleared =
    draft.kind === "DESKTOP_FLOW" ? { machine: null, windowsAccount: null, windowsAccountType: null } : {};
  const body: UpdateAutomationBody = { ...cleared, ...toCreateBody(draft), version };
  if (!body.runAs && hadRunAs) body.runAs = null;
  return body;
}

// ---------------------------------------------------------------------------------------
// Client-side checks (the server checks again; its messages land in the same slots)
// ---------------------------------------------------------------------------------------

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SERVICE_KEY = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** Whether a service key is well-formed (the API's rule), so the catalog can be asked about it. */
export function isServiceKey(value: string): boolean {
  const key = value.trim().toLowerCase();
  return key.length > 0 && key.length <= LIMITS.service && SERVICE_KEY.test(key);
}

function systemLabel(system: SystemDraft, index: number): string {
  return system.name.trim() ? `“${system.name.trim()}”` : `system ${index + 1}`;
}

export function validateBasics(
  draft: AutomationDraft,
  options: { departmentRequired: boolean },
): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.name.trim()) errors.name = "Enter the automation's name";
  else if (tooLong("The name", draft.name, LIMITS.name))
    errors.name = tooLong("The name", draft.name, LIMITS.name)!;
  const description = tooLong("The purpose", draft.description, LIMITS.description);
  if (description) errors.description = description;
  if (!draft.kind) errors.kind = "Choose what kind of automation it is";
  if (!draft.runMode)
    errors.runMode = "Choose whether a person runs it (attended) or it runs on its own (unattended)";
  if (options.departmentRequired && !draft.departmentId)
    errors.departmentId = "Choose the department it belongs to";
  const runAs = tooLong("This", draft.runAs, LIMITS.runAs);
  if (runAs) errors.runAs = runAs;
  if (draft.kind === "DESKTOP_FLOW") {
    const machine = tooLong("The machine's name", draft.machine, LIMITS.short);
    if (machine) errors.machine = machine;
    const account = tooLong("The account", draft.windowsAccount, LIMITS.short);
    if (account) errors.windowsAccount = account;
  }
  return errors;
}

export function validateSystems(draft: AutomationDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (draft.systems.length === 0) errors.systems = "Add at least one system it signs in to";
  const seen = new Map<string, number>();
  draft.systems.forEach((system, index) => {
    const at = (field: string) => `systems.${index}.${field}`;
    const label = systemLabel(system, index);
    const name = system.name.trim();
    if (!name) errors[at("name")] = `Enter the name of system ${index + 1}`;
    else if (tooLong("The system's name", name, LIMITS.system))
      errors[at("name")] = tooLong("The system's name", name, LIMITS.system)!;
    else if (seen.has(name.toLowerCase()))
      errors[at("name")] = `“${name}” is listed twice — give each system its own name`;
    else seen.set(name.toLowerCase(), index);
    if (!system.location) errors[at("location")] = `Choose where ${label} lives`;
    if (!system.signInMethod) errors[at("signInMethod")] = `Choose how ${label} signs in`;
    if (system.signInMethod === "SHARED_KEY" && !system.service.trim())
      errors[at("service")] = `Pick an approved connector, or name the service ${label} uses (e.g. sap-erp)`;
    else if (system.signInMethod === "SHARED_KEY" && !isServiceKey(system.service))
      errors[at("service")] =
        "Write the service as a key like sap-erp: letters and digits, with single “-” or “.” between them";
    if (system.signInMethod === "USERNAME_PASSWORD" && !system.sso && hasCredentialInput(system)) {
      // A reference is optional (the prerequisite stays outstanding) but, once started, complete.
      if (!system.credentialStore)
        errors[at("credentialReference.store")] = `Choose where the credential for ${label} is kept`;
      if (!system.credentialName.trim())
        errors[at("credentialReference.name")] =
          "Enter the name of the secret or entry — where it lives, never the password";
      else if (tooLong("The name", system.credentialName, LIMITS.credentialName))
        errors[at("credentialReference.name")] = tooLong(
          "The name",
          system.credentialName,
          LIMITS.credentialName,
        )!;
      if (!system.credentialOwner.trim())
        errors[at("credentialReference.owner")] = "Enter the e-mail address of the credential's owner";
      else if (!EMAIL.test(system.credentialOwner.trim()))
        errors[at("credentialReference.owner")] = "Enter the owner's e-mail address, like name@example.com";
      if (!system.credentialRotatesAt)
        errors[at("credentialReference.rotatesAt")] = "Enter the date the password is next rotated";
      else if (new Date(system.credentialRotatesAt).getTime() <= Date.now())
        errors[at("credentialReference.rotatesAt")] = "Enter a rotation date in the future";
      if (system.credentialRotatedAt && new Date(system.credentialRotatedAt).getTime() > Date.now())
        errors[at("credentialReference.rotatedAt")] = "Enter the day it was rotated: today or earlier";
    }
  });
  return errors;
}

/**
 * The API's own body schema over the answers, so that nothing the server would refuse gets
 * past a step; the friendlier messages above win where both speak. Only this step's fields.
 */
export function validateStep(
  step: StepIndex,
  draft: AutomationDraft,
  options: { departmentRequired: boolean },
): FieldErrors {
  if (step > 1) return {};
  const friendly = step === 0 ? validateBasics(draft, options) : validateSystems(draft);
  const result = ZCreateAutomationBody.safeParse(toCreateBody(draft));
  const fromSchema: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) fromSchema[issue.path.map(String).join(".")] ??= issue.message;
  }
  const placed = placeServerErrors(fromSchema, draft).errors;
  const ofStep = Object.fromEntries(Object.entries(placed).filter(([path]) => stepOfPath(path) === step));
  return { ...ofStep, ...friendly };
}

// ---------------------------------------------------------------------------------------
// Error paths → controls and steps
// ---------------------------------------------------------------------------------------

const BASIC_FIELDS = ["name", "description", "kind", "runMode", "departmentId", "runAs"] as const;
/** "Where it runs", on the first step for desktop flows. */
const WHERE_FIELDS = ["machine", "windowsAccount", "windowsAccountType"] as const;

/** DOM id of the control for an API field path. */
export function controlId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

export function stepOfPath(path: string): StepIndex {
  if (path === "systems" || path.startsWith("systems.")) return 1;
  if ((BASIC_FIELDS as readonly string[]).includes(path)) return 0;
  if ((WHERE_FIELDS as readonly string[]).includes(path)) return 0;
  return 3;
}

/** The field paths the form shows for this draft, in reading order. */
export function fieldPaths(draft: AutomationDraft): string[] {
  const paths: string[] = [
    ...BASIC_FIELDS,
    ...(draft.kind === "DESKTOP_FLOW" ? WHERE_FIELDS : []),
    "systems",
  ];
  draft.systems.forEach((system, index) => {
    const at = (field: string) => `systems.${index}.${field}`;
    paths.push(at("name"), at("location"), at("signInMethod"));
    if (system.signInMethod === "USERNAME_PASSWORD") {
      paths.push(at("sso"));
      if (!system.sso)
        paths.push(
          ...["store", "name", "owner", "rotatesAt", "rotatedAt"].map((field) =>
            at(`credentialReference.${field}`),
          ),
        );
    }
    if (system.signInMethod === "SHARED_KEY") paths.push(at("service"));
    if (system.signInMethod === "WINDOWS")
      paths.push(at("machineGroup"), at("windowsAccount"), at("windowsAccountType"));
  });
  return paths;
}

/**
 * Places the server's `fields` on the form's controls. A path the form has no control for is
 * put on its nearest shown parent (e.g. "systems.0.credentialReference" → its first field),
 * or reported as a general message.
 */
export function placeServerErrors(
  fields: Record<string, string>,
  draft: AutomationDraft,
): { errors: FieldErrors; general: string[] } {
  const known = fieldPaths(draft);
  const errors: FieldErrors = {};
  const general: string[] = [];
  for (const [rawPath, message] of Object.entries(fields)) {
    const path = rawPath.replace(/\.credential\./, ".credentialReference.").replace(/\[(\d+)\]/g, ".$1");
    const target =
      known.find((p) => p === path) ??
      known.find((p) => p.startsWith(`${path}.`)) ??
      (/^systems\.\d+\./.test(path)
        ? known.find((p) => p === `${path.split(".").slice(0, 2).join(".")}.name`)
        : undefined);
    if (target) errors[target] ??= message;
    else general.push(rawPath === "(root)" ? message : `${rawPath}: ${message}`);
  }
  return { errors, general };
}

/** Errors in reading order, as the error summary lists them. */
export function orderedErrors(errors: FieldErrors, draft: AutomationDraft): Array<[string, string]> {
  const order = fieldPaths(draft);
  return Object.entries(errors).sort(
    ([a], [b]) =>
      (order.indexOf(a) + 1 || Number.MAX_SAFE_INTEGER) - (order.indexOf(b) + 1 || Number.MAX_SAFE_INTEGER),
  );
}

/** Drops the errors of a field (and of its sub-fields) once the maker changes it. */
export function clearErrors(errors: FieldErrors, ...paths: string[]): FieldErrors {
  const next = { ...errors };
  let changed = false;
  for (const key of Object.keys(next)) {
    if (paths.some((path) => key === path || key.startsWith(`${path}.`))) {
      delete next[key];
      changed = true;
    }
  }
  return changed ? next : errors;
}

// ---------------------------------------------------------------------------------------
// To the engine (live preview)
// ---------------------------------------------------------------------------------------

export interface PreviewContext {
  departmentId: string;
  connectors: EngineInput["connectors"];
  gateway: EngineInput["gateway"];
  requests: EngineInput["requests"];
  now: Date;
}

/** The engine's input for the answers so far; null until kind and run mode are answered. */
export function toEngineInput(draft: AutomationDraft, context: PreviewContext): EngineInput | null {
  if (!draft.kind || !draft.runMode) return null;
  const desktop = draft.kind === "DESKTOP_FLOW";
  const systems: SystemAccessInput[] = [];
  draft.systems.forEach((system, index) => {
    if (!system.signInMethod) return;
    const method = system.signInMethod;
    const rotatesAt = system.credentialRotatesAt ? new Date(system.credentialRotatesAt) : null;
    const credentialComplete =
      system.credentialStore &&
      system.credentialName.trim() &&
      system.credentialOwner.trim() &&
      rotatesAt &&
      !Number.isNaN(rotatesAt.getTime());
    systems.push({
      id: system.uid,
      name: system.name.trim() || `System ${index + 1}`,
      location: system.location || "CLOUD",
      signInMethod: method,
      sso: method === "USERNAME_PASSWORD" && system.sso,
      service: method === "SHARED_KEY" ? system.service.trim() || null : null,
      credential:
        method === "USERNAME_PASSWORD" && credentialComplete
          ? {
              store: system.credentialStore as CredentialStore,
              name: system.credentialName.trim(),
              owner: system.credentialOwner.trim(),
              rotatesAt: rotatesAt,
            }
          : null,
      machineGroup: method === "WINDOWS" ? system.machineGroup.trim() || null : null,
      windowsAccount: method === "WINDOWS" ? system.windowsAccount.trim() || null : null,
      windowsAccountType: method === "WINDOWS" ? system.windowsAccountType || null : null,
    });
  });
  return {
    automation: {
      kind: draft.kind,
      runMode: draft.runMode,
      runAs: draft.runAs.trim() || null,
      departmentId: draft.departmentId || context.departmentId,
      retired: false,
      machine: desktop ? draft.machine.trim() || null : null,
      windowsAccount: desktop ? draft.windowsAccount.trim() || null : null,
      windowsAccountType: desktop ? draft.windowsAccountType || null : null,
      systems,
    },
    gateway: context.gateway,
    connectors: context.connectors,
    requests: context.requests,
    // IT's reviews belong to stored declarations; the preview shows what the answers declare.
    reviews: [],
    now: context.now,
  };
}

/** The control where the maker fixes a prerequisite the form itself can satisfy. */
export function fixTarget(prerequisite: DerivedPrerequisite, draft: AutomationDraft): string | null {
  if (prerequisite.type === "ENTRA_CONNECTION") return "runAs";
  if (prerequisite.type === "WINDOWS_SIGN_IN" && prerequisite.systemAccessId === null) {
    // The desktop flow's own sign-in: "Where it runs" on the first step.
    if (!draft.machine.trim()) return "machine";
    return draft.windowsAccount.trim() ? "windowsAccountType" : "windowsAccount";
  }
  const index = draft.systems.findIndex((system) => system.uid === prerequisite.systemAccessId);
  if (index < 0) return null;
  const at = (field: string) => `systems.${index}.${field}`;
  switch (prerequisite.type) {
    case "CREDENTIAL":
      return draft.systems[index]?.credentialStore
        ? at("credentialReference.rotatesAt")
        : at("credentialReference.store");
    case "WINDOWS_SIGN_IN":
      return draft.systems[index]?.machineGroup.trim() && draft.systems[index]?.windowsAccount.trim()
        ? at("windowsAccountType")
        : draft.systems[index]?.machineGroup.trim()
          ? at("windowsAccount")
          : at("machineGroup");
    case "SHARED_KEY_CONNECTOR":
      return at("service");
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------
// Stored drafts (localStorage): read back defensively, the shape may be from an older build
// ---------------------------------------------------------------------------------------

const oneOf = <V extends string>(values: readonly V[], value: unknown): V | "" =>
  typeof value === "string" && (values as readonly string[]).includes(value) ? (value as V) : "";
const text = (value: unknown, max = 5000): string => (typeof value === "string" ? value.slice(0, max) : "");

export function sanitizeDraft(value: unknown): AutomationDraft | null {
  if (!value || typeof value !== "object") return null;
  const raw = value as Record<string, unknown>;
  const systems = Array.isArray(raw.systems) ? raw.systems.slice(0, 50) : [];
  return {
    name: text(raw.name),
    description: text(raw.description),
    kind: oneOf(AUTOMATION_KINDS, raw.kind),
    runMode: oneOf(RUN_MODES, raw.runMode),
    departmentId: text(raw.departmentId, 100),
    runAs: text(raw.runAs),
    machine: text(raw.machine),
    windowsAccount: text(raw.windowsAccount),
    windowsAccountType: oneOf(WINDOWS_ACCOUNT_TYPES, raw.windowsAccountType),
    systems: systems
      .filter((s): s is Record<string, unknown> => Boolean(s) && typeof s === "object")
      .map((s) => ({
        uid: text(s.uid, 100) || newUid(),
        name: text(s.name),
        location: oneOf(SYSTEM_LOCATIONS, s.location),
        signInMethod: oneOf(SIGN_IN_METHODS, s.signInMethod),
        sso: s.sso === true,
        service: text(s.service),
        credentialStore: oneOf(CREDENTIAL_STORES, s.credentialStore),
        credentialName: text(s.credentialName),
        credentialOwner: text(s.credentialOwner),
        credentialRotatesAt: text(s.credentialRotatesAt, 10),
        credentialRotatedAt: text(s.credentialRotatedAt, 10),
        machineGroup: text(s.machineGroup),
        windowsAccount: text(s.windowsAccount),
        windowsAccountType: oneOf(WINDOWS_ACCOUNT_TYPES, s.windowsAccountType),
      })),
  };
}

/** True when two drafts would send the same body (ignores client-only ids). */
export function sameAnswers(a: AutomationDraft, b: AutomationDraft): boolean {
  const strip = (draft: AutomationDraft) => ({
    ...draft,
    systems: draft.systems.map(({ uid: _uid, ...rest }) => rest),
  });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

// ---------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------

const SYSTEM_FIELD_PATHS: Partial<Record<keyof SystemDraft, string>> = {
  credentialStore: "credentialReference.store",
  credentialName: "credentialReference.name",
  credentialOwner: "credentialReference.owner",
  credentialRotatesAt: "credentialReference.rotatesAt",
  credentialRotatedAt: "credentialReference.rotatedAt",
};

/** The API paths a change to these system fields touches (for clearing their errors). */
export function systemPaths(index: number, fields: ReadonlyArray<keyof SystemDraft>): string[] {
  return fields.map((field) => `systems.${index}.${SYSTEM_FIELD_PATHS[field] ?? field}`);
}

/** After system `removed` is taken out, the errors of the systems below it move up one. */
export function shiftSystemErrors(errors: FieldErrors, removed: number): FieldErrors {
  const next: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = /^systems\.(\d+)(\..*)?$/.exec(path);
    if (!match) {
      next[path] = message;
      continue;
    }
    const index = Number(match[1]);
    if (index === removed) continue;
    next[index > removed ? `systems.${index - 1}${match[2] ?? ""}` : path] = message;
  }
  return next;
}

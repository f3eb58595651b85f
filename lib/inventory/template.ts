import { ZServiceKey } from "@/lib/automations/schemas";
import type { UploadedFile } from "./coe";
import { type CsvColumn, isImportError, matchColumns, openCsv, valuesOf } from "./csv";
import {
  normaliseConnectorId,
  normaliseEnvironmentId,
  type ParseEvent,
  type TInventoryDeclaredSystem,
  type TOwnerRef,
  UnreadableFileError,
} from "./records";
import { normaliseId, secretMessage } from "./values";

// Preflight's own CSV template: one row per automation × system, for companies without the CoE
// kit or with automations outside Power Platform. Documented column by column in
// docs/inventory/preflight-template.md; the sample there is the downloadable template.

export const TEMPLATE_COLUMNS = [
  { key: "environment", required: true, aliases: ["environment_id", "environment name"] },
  { key: "flow_id", required: true, aliases: ["automation_id", "flow id"] },
  { key: "flow_name", required: true, aliases: ["automation_name", "name", "flow name"] },
  { key: "kind" },
  { key: "owner" },
  { key: "system", aliases: ["system_name"] },
  { key: "location" },
  { key: "sign_in_method", aliases: ["signin_method", "sign-in method"] },
  { key: "service" },
  { key: "gateway", aliases: ["machine_group"] },
  { key: "connector_id" },
] as const satisfies readonly CsvColumn[];

/** The header row of the downloadable template. */
export const TEMPLATE_HEADER = TEMPLATE_COLUMNS.map((column) => column.key).join(",");

/** The downloadable template: the header and two example rows (one automation, two systems). */
export const TEMPLATE_EXAMPLE = [
  TEMPLATE_HEADER,
  "Default-00000000-0000-0000-0000-000000000000,f0000001-0000-4000-8000-000000000001,Invoice approval,CLOUD_FLOW,maker@example.com,Office 365 Outlook,CLOUD,ENTRA_ID,,,shared_office365",
  "Default-00000000-0000-0000-0000-000000000000,f0000001-0000-4000-8000-000000000001,Invoice approval,CLOUD_FLOW,maker@example.com,Ledger database,ON_PREMISES,WINDOWS,,gw-headquarters,shared_sql",
  "",
].join("\r\n");

const LOCATIONS: Record<string, TInventoryDeclaredSystem["location"]> = {
  cloud: "CLOUD",
  on_premises: "ON_PREMISES",
  onpremises: "ON_PREMISES",
  on_prem: "ON_PREMISES",
};

const SIGN_IN_METHODS: Record<string, TInventoryDeclaredSystem["signInMethod"]> = {
  entra_id: "ENTRA_ID",
  entra: "ENTRA_ID",
  microsoft_entra_id: "ENTRA_ID",
  azure_ad: "ENTRA_ID",
  username_password: "USERNAME_PASSWORD",
  username_and_password: "USERNAME_PASSWORD",
  windows: "WINDOWS",
  windows_sign_in: "WINDOWS",
  shared_key: "SHARED_KEY",
  api_key: "SHARED_KEY",
  unknown: "UNKNOWN",
};

/** "On-premises", "on premises", "ON_PREMISES" → "on_premises". */
function token(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function ownerOf(value: string | undefined): TOwnerRef | null {
  if (!value) return null;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    return { objectId: normaliseId(value), upn: null, email: null, displayName: null };
  return { objectId: null, upn: value.toLowerCase(), email: value.toLowerCase(), displayName: null };
}

export async function* parsePreflightTemplate(files: readonly UploadedFile[]): AsyncGenerator<ParseEvent> {
  /** Per flow: its name and owner as first given, to tell rows that disagree. */
  const flows = new Map<
    string,
    { name: string; owner: string | undefined; row: number; systems: Set<string> }
  >();
  for (const upload of files) {
    const { file } = upload;
    try {
      const csv = await openCsv(upload.open(), file);
      const { index, missing } = matchColumns(csv.headers, TEMPLATE_COLUMNS);
      if (missing.length > 0)
        throw new UnreadableFileError(
          file,
          `${file} lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the template's header is: ${TEMPLATE_HEADER}).`,
        );
      for await (const item of csv.rows) {
        if (isImportError(item)) {
          yield { type: "error", error: item };
          continue;
        }
        const values = valuesOf(item.cells, index);
        const problem = (column: string | null, message: string): ParseEvent => ({
          type: "error",
          error: { file, row: item.row, column, message },
        });
        const secret = Object.entries(values)
          .map(([column, value]) => ({ column, message: secretMessage(column, value) }))
          .find((found) => found.message);
        if (secret) {
          yield problem(secret.column, secret.message!);
          continue;
        }
        const missingValue = (["environment", "flow_id", "flow_name"] as const).find(
          (column) => !values[column],
        );
        if (missingValue) {
          yield problem(missingValue, `${missingValue} is empty.`);
          continue;
        }
        const kind = values.kind ? token(values.kind) : "cloud_flow";
        if (kind !== "cloud_flow" && kind !== "desktop_flow") {
          yield problem("kind", `kind must be CLOUD_FLOW or DESKTOP_FLOW, not "${values.kind}".`);
          continue;
        }
        const environmentId = normaliseEnvironmentId(values.environment!);
        const flowId = normaliseId(values.flow_id!);
        const key = `${environmentId}/${flowId}`;
        const known = flows.get(key);
        if (known && (known.name !== values.flow_name || known.owner !== values.owner)) {
          yield problem(
            known.name !== values.flow_name ? "flow_name" : "owner",
            `Flow ${values.flow_id} has another ${known.name !== values.flow_name ? "flow_name" : "owner"} on row ${known.row}: one automation, one name and owner.`,
          );
          continue;
        }
        if (!known) {
          flows.set(key, { name: values.flow_name!, owner: values.owner, row: item.row, systems: new Set() });
          const owner = ownerOf(values.owner);
          yield {
            type: "record",
            record:
              kind === "desktop_flow"
                ? {
                    kind: "desktopFlow",
                    environmentId,
                    desktopFlowId: flowId,
                    displayName: values.flow_name!,
                    owner,
                    state: null,
                  }
                : {
                    kind: "flow",
                    environmentId,
                    flowId,
                    displayName: values.flow_name!,
                    state: null,
                    owner,
                    createdAt: null,
                    modifiedAt: null,
                    containsPlainTextPassword: null,
                    deleted: false,
                    connectionReferences: null,
                  },
          };
        }
        const system = values.system ? readSystem(values, environmentId, flowId) : null;
        if (typeof system === "object" && system && "error" in system) {
          yield problem(system.column, system.error);
          continue;
        }
        if (system && flows.get(key)!.systems.has(system.name.toLowerCase())) {
          yield problem("system", `${system.name} is listed twice for flow ${values.flow_id}.`);
          continue;
        }
        if (system) {
          flows.get(key)!.systems.add(system.name.toLowerCase());
          yield { type: "record", record: system };
        }
      }
    } catch (error) {
      const message =
        error instanceof UnreadableFileError
          ? error.message
          : `${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      yield { type: "unreadable", error: { file, row: null, column: null, message } };
      return;
    }
  }
}

function readSystem(
  values: Record<string, string>,
  environmentId: string,
  flowId: string,
): TInventoryDeclaredSystem | { column: string; error: string } {
  const location = values.location ? LOCATIONS[token(values.location)] : undefined;
  if (!location) return { column: "location", error: "location must be CLOUD or ON_PREMISES." };
  const method = values.sign_in_method ? SIGN_IN_METHODS[token(values.sign_in_method)] : undefined;
  if (!method)
    return {
      column: "sign_in_method",
      error: "sign_in_method must be ENTRA_ID, USERNAME_PASSWORD, WINDOWS, SHARED_KEY or UNKNOWN.",
    };
  let service: string | null = null;
  if (method === "SHARED_KEY") {
    const parsed = ZServiceKey.safeParse(values.service ?? "");
    if (!values.service) return { column: "service", error: "service is required for SHARED_KEY systems." };
    if (!parsed.success) return { column: "service", error: parsed.error.issues[0]!.message };
    service = parsed.data;
  } else if (values.service) {
    return { column: "service", error: "service applies only to SHARED_KEY systems; leave it empty." };
  }
  return {
    kind: "declaredSystem",
    environmentId,
    flowId,
    name: values.system!.slice(0, 100),
    location,
    signInMethod: method,
    service,
    gateway: values.gateway ?? null,
    connectorId: values.connector_id ? normaliseConnectorId(values.connector_id) : null,
  };
}

import { createHash } from "node:crypto";
import type { RunMode, SignInMethod, SystemLocation } from "@/lib/domain/types";
import { mapConnector, UNKNOWN } from "./mapping";
import type {
  ImportError,
  ParseEvent,
  TInventoryConnection,
  TInventoryConnectionReference,
  TInventoryCustomConnector,
  TInventoryDeclaredSystem,
  TInventoryDesktopFlow,
  TInventoryEnvironment,
  TInventoryFlow,
  TOwnerRef,
} from "./records";

// Parse events of any source → one plan per flow: the automation an import would write, with
// its systems (what the mapping could tell) and what it could not tell (listed, never dropped).
// Pure: the database's side (owners, departments, the catalog) is resolved when it is applied.

export interface PlannedSystem {
  name: string;
  location: SystemLocation;
  signInMethod: SignInMethod;
  service: string | null;
  /** The gateway or machine group by name; null: none. */
  gateway: string | null;
  /** The connector id it was inferred from. */
  externalId: string | null;
  /** Entra ID: whose connection a run-only user runs with. */
  connectionOf: "EACH_RUN_ONLY_USER" | "OWNER" | null;
  /** A connection the tenant shows as broken: its message. */
  connectionError: string | null;
  reason: string;
}

/** A connection whose sign-in (or location) the source cannot tell: the owner confirms it. */
export interface UnknownSystem {
  name: string;
  externalId: string;
  /** Not in Preflight's connector table: listed for IT to map. */
  unknownConnector: boolean;
  reason: string;
}

export interface FlowPlan {
  environmentId: string;
  flowId: string;
  name: string;
  kind: "CLOUD_FLOW" | "DESKTOP_FLOW";
  runMode: RunMode;
  owner: TOwnerRef | null;
  systems: PlannedSystem[];
  unknown: UnknownSystem[];
  /** CoE admin_containsplaintextpassword; null where the source cannot tell. */
  plainTextPassword: boolean | null;
  /** Desktop flows: the machine or machine group the tenant shows. */
  machine: string | null;
}

export interface Assembled {
  plans: FlowPlan[];
  environments: TInventoryEnvironment[];
  errors: ImportError[];
  errorCount: number;
  /** A file that cannot be used at all: the import stops with this. */
  unreadable: ImportError | null;
}

/** How many errors an import keeps to show; the count is always whole. */
export const KEPT_ERRORS = 200;

const SYSTEM_NAME_MAX = 100;

/**
 * Collects a source's parse events into plans. A flow's references may come before or after
 * the flow (CoE lists them in another file), so plans are built once the stream has ended.
 */
export async function assemblePlans(events: AsyncIterable<ParseEvent>): Promise<Assembled> {
  const flows = new Map<string, Omit<FlowPlan, "systems" | "unknown" | "runMode" | "machine">>();
  const references = new Map<string, TInventoryConnectionReference[]>();
  const declared = new Map<string, TInventoryDeclaredSystem[]>();
  const connections = new Map<string, TInventoryConnection>();
  const customConnectors = new Map<string, TInventoryCustomConnector>();
  const environments = new Map<string, TInventoryEnvironment>();
  const errors: ImportError[] = [];
  let errorCount = 0;
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const addFlow = (
    record: TInventoryFlow | TInventoryDesktopFlow,
    flowId: string,
    kind: FlowPlan["kind"],
    plainTextPassword: FlowPlan["plainTextPassword"],
  ) =>
    flows.set(flowKey(record.environmentId, flowId), {
      environmentId: record.environmentId,
      flowId,
      name: record.displayName || flowId,
      kind,
      owner: record.owner,
      plainTextPassword,
    });

  for await (const event of events) {
    if (event.type === "unreadable")
      return { plans: [], environments: [], errors: [event.error], errorCount: 1, unreadable: event.error };
    if (event.type === "error") {
      errorCount++;
      if (errors.length < KEPT_ERRORS) errors.push(event.error);
      continue;
    }
    const record = event.record;
    switch (record.kind) {
      case "environment":
        environments.set(record.id, record);
        break;
      case "flow":
        if (record.deleted) break;
        addFlow(record, record.flowId, "CLOUD_FLOW", record.containsPlainTextPassword);
        for (const reference of record.connectionReferences ?? [])
          push(references, flowKey(reference.environmentId, reference.flowId), reference);
        break;
      case "desktopFlow":
        addFlow(record, record.desktopFlowId, "DESKTOP_FLOW", null);
        break;
      case "connectionReference":
        push(references, flowKey(record.environmentId, record.flowId), record);
        break;
      case "declaredSystem":
        push(declared, flowKey(record.environmentId, record.flowId), record);
        break;
      case "connection":
        connections.set(`${record.environmentId}/${record.connectionName}`, record);
        break;
      case "customConnector":
        customConnectors.set(record.connectorId, record);
        break;
      case "owner":
      case "connectionIdentity":
        break;
    }
  }

  const plans: FlowPlan[] = [];
  for (const [key, flow] of flows) {
    const systems: PlannedSystem[] = [];
    const unknown: UnknownSystem[] = [];
    const names = new Set<string>();
    const uniqueName = (name: string) => {
      let candidate = name.slice(0, SYSTEM_NAME_MAX);
      for (let n = 2; names.has(candidate.toLowerCase()); n++)
        candidate = `${name.slice(0, SYSTEM_NAME_MAX - 4)} (${n})`;
      names.add(candidate.toLowerCase());
      return candidate;
    };
    let invoker = false;
    let machine: string | null = null;
    for (const system of declared.get(key) ?? []) {
      const name = uniqueName(system.name);
      if (system.signInMethod === "UNKNOWN") {
        unknown.push({
          name,
          externalId: system.connectorId ?? name,
          unknownConnector: false,
          reason: "Declared as unknown in the upload: confirm how it signs in.",
        });
        continue;
      }
      systems.push({
        name,
        location: system.location,
        signInMethod: system.signInMethod,
        service: system.service,
        gateway: system.gateway,
        externalId: system.connectorId,
        connectionOf: null,
        connectionError: null,
        reason: "As listed in the upload.",
      });
      if (flow.kind === "DESKTOP_FLOW" && system.gateway) machine ??= system.gateway;
    }
    const seenConnectors = new Set<string>();
    for (const reference of references.get(key) ?? []) {
      // One system per connector: two references to the same connector are one sign-in.
      if (seenConnectors.has(reference.connectorId)) continue;
      seenConnectors.add(reference.connectorId);
      if (reference.source === "INVOKER") invoker = true;
      const connection = reference.connectionName
        ? connections.get(`${reference.environmentId}/${reference.connectionName}`)
        : undefined;
      const custom = customConnectors.get(reference.connectorId);
      const mapped = mapConnector({
        connectorId: reference.connectorId,
        connectorDisplayName: reference.connectorDisplayName,
        custom: reference.custom,
        source: reference.source,
        authType: connection?.authType,
        gateway: connection ? (connection.gateway?.name ?? connection.gateway?.id ?? null) : undefined,
        machineOrGroup: connection?.machineOrGroup,
        customConnector: custom
          ? {
              displayName: custom.displayName,
              host: custom.host,
              security: custom.security,
              identityProvider: custom.identityProvider,
            }
          : null,
      });
      const name = uniqueName(mapped.name);
      if (mapped.signInMethod === UNKNOWN || mapped.location === UNKNOWN) {
        unknown.push({
          name,
          externalId: mapped.externalId,
          unknownConnector: !mapped.known,
          reason: mapped.reason,
        });
        continue;
      }
      const gateway = mapped.gateway === UNKNOWN ? null : mapped.gateway;
      systems.push({
        name,
        location: mapped.location,
        signInMethod: mapped.signInMethod,
        service: mapped.service,
        gateway,
        externalId: mapped.externalId,
        connectionOf: mapped.connectionOf,
        connectionError:
          connection?.status === "ERROR" ? (connection.statusMessage ?? "The connection is in error.") : null,
        reason: mapped.reason,
      });
      if (mapped.signInMethod === "WINDOWS" && connection?.machineOrGroup)
        machine ??= connection.machineOrGroup;
    }
    plans.push({
      ...flow,
      runMode: invoker ? "ATTENDED" : "UNATTENDED",
      systems,
      unknown,
      machine,
    });
  }
  return { plans, environments: [...environments.values()], errors, errorCount, unreadable: null };
}

export function flowKey(environmentId: string, flowId: string): string {
  return `${environmentId}/${flowId}`;
}

/** What an import would write, hashed: equal hashes mean a re-import changes nothing. */
export function planHash(plan: FlowPlan): string {
  const owner = plan.owner ? (plan.owner.objectId ?? plan.owner.upn ?? plan.owner.email ?? "") : "";
  const canonical = {
    name: plan.name,
    kind: plan.kind,
    runMode: plan.runMode,
    owner: owner.toLowerCase(),
    machine: plan.machine,
    plainTextPassword: plan.plainTextPassword,
    systems: [...plan.systems].sort((a, b) => a.name.localeCompare(b.name)),
    unknown: [...plan.unknown].sort((a, b) => a.name.localeCompare(b.name)),
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("base64url");
}

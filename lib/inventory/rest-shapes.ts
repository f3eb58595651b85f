import {
  type CustomConnectorSecurity,
  normaliseConnectorId,
  normaliseEnvironmentId,
  parseConnectionSource,
  type TInventoryConnection,
  type TInventoryConnectionReference,
  type TInventoryCustomConnector,
  type TInventoryDesktopFlow,
  type TInventoryEnvironment,
  type TInventoryFlow,
  type TOwnerRef,
} from "./records";
import { normaliseId, parseFlowState, textOrNull } from "./values";

// The Power Platform admin API objects (flows, connections, connectors, environments, Dataverse
// workflows) → normalised records. The PowerShell exports carry the same objects (in `Internal`)
// and the live sync reads them directly, so both go through here. Shapes: docs/inventory/formats.md.

type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = asObject(current)?.[key];
  return current;
}

/** Windows PowerShell 5.1 writes dates as "\/Date(1700000000000)\/". */
export function isoDate(value: unknown): string | null {
  const text = textOrNull(value);
  if (!text) return null;
  const legacy = /^\/?Date\((-?\d+)[^)]*\)\/?$/.exec(text.replace(/\\/g, ""));
  return legacy ? new Date(Number(legacy[1])).toISOString() : text;
}

function ownerFrom(value: unknown): TOwnerRef | null {
  const creator = asObject(value);
  if (!creator) return null;
  const objectId = textOrNull(creator.objectId) ?? textOrNull(creator.id);
  const upn = textOrNull(creator.userPrincipalName);
  const email = textOrNull(creator.email) ?? (upn?.includes("@") ? upn : null);
  if (!objectId && !upn && !email) return null;
  return {
    objectId: objectId ? normaliseId(objectId) : null,
    upn,
    email,
    displayName: textOrNull(creator.displayName),
  };
}

export function environmentFromRest(raw: unknown): TInventoryEnvironment | null {
  const object = asObject(raw);
  const name = textOrNull(object?.name);
  if (!object || !name) return null;
  return {
    kind: "environment",
    id: normaliseEnvironmentId(name),
    name,
    displayName: textOrNull(at(object, "properties", "displayName")),
    instanceUrl:
      textOrNull(at(object, "properties", "linkedEnvironmentMetadata", "instanceApiUrl")) ??
      textOrNull(at(object, "properties", "linkedEnvironmentMetadata", "instanceUrl")),
  };
}

/**
 * A flow's connection references, in either form: the keyed object of the flow API
 * ({"shared_sql": {…}}) or the array of the "Get Flow as Admin" action ([{id, source, …}]).
 * Solution flows write `runtimeSource` and `api.name`.
 */
export function connectionReferencesFrom(
  value: unknown,
  environmentId: string,
  flowId: string,
): TInventoryConnectionReference[] | null {
  if (value === undefined || value === null) return null;
  const entries: Array<[string | null, unknown]> = Array.isArray(value)
    ? value.map((entry) => [null, entry])
    : Object.entries(asObject(value) ?? {});
  const references: TInventoryConnectionReference[] = [];
  for (const [key, entry] of entries) {
    const reference = asObject(entry);
    if (!reference) continue;
    const connector =
      textOrNull(reference.id) ??
      textOrNull(reference.apiId) ??
      textOrNull(at(reference, "api", "name")) ??
      key;
    if (!connector) continue;
    const custom = at(reference, "apiDefinition", "properties", "isCustomApi");
    references.push({
      kind: "connectionReference",
      environmentId,
      flowId,
      connectorId: normaliseConnectorId(connector),
      connectorDisplayName: textOrNull(reference.displayName),
      connectionName:
        textOrNull(reference.connectionName) ??
        textOrNull(at(reference, "connection", "connectionReferenceLogicalName")),
      source: parseConnectionSource(reference.source ?? reference.runtimeSource),
      custom: typeof custom === "boolean" ? custom : null,
    });
  }
  return references;
}

/** A flow API object (REST, or PowerShell's Get-AdminFlow with it in `Internal`). */
export function flowFromRest(raw: unknown, wrapper: Json = {}): TInventoryFlow | string {
  const object = asObject(raw) ?? {};
  const properties = asObject(object.properties) ?? {};
  const name = textOrNull(wrapper.FlowName) ?? textOrNull(object.name);
  const environment =
    textOrNull(wrapper.EnvironmentName) ??
    textOrNull(at(properties, "environment", "name")) ??
    textOrNull(/\/environments\/([^/]+)\//.exec(textOrNull(object.id) ?? "")?.[1]);
  if (!name) return "The flow has no name (FlowName or name).";
  if (!environment) return "The flow has no environment (EnvironmentName or properties.environment.name).";
  const environmentId = normaliseEnvironmentId(environment);
  const flowId = normaliseId(name);
  const enabled = wrapper.Enabled;
  return {
    kind: "flow",
    environmentId,
    flowId,
    displayName: textOrNull(wrapper.DisplayName) ?? textOrNull(properties.displayName) ?? flowId,
    state:
      parseFlowState(properties.state) ??
      (enabled === true ? "STARTED" : enabled === false ? "STOPPED" : null),
    owner: ownerFrom(properties.creator) ?? ownerFrom(wrapper.CreatedBy),
    createdAt: isoDate(properties.createdTime ?? wrapper.CreatedTime),
    modifiedAt: isoDate(properties.lastModifiedTime ?? wrapper.LastModifiedTime),
    containsPlainTextPassword: null,
    deleted: false,
    connectionReferences: connectionReferencesFrom(properties.connectionReferences, environmentId, flowId),
  };
}

/** A parameter's value, as `connectionParameters.x` or `connectionParametersSet.values.x.value`. */
function parameter(properties: Json, name: string): unknown {
  return (
    at(properties, "connectionParameters", name) ??
    at(properties, "connectionParametersSet", "values", name, "value")
  );
}

function gatewayFrom(value: unknown): TInventoryConnection["gateway"] {
  if (typeof value === "string") return value.trim() ? { id: value.trim(), name: null } : null;
  const gateway = asObject(value);
  if (!gateway) return null;
  const id = textOrNull(gateway.id) ?? textOrNull(gateway.gatewayId);
  const name = textOrNull(gateway.name) ?? textOrNull(gateway.displayName);
  return id || name ? { id, name } : null;
}

/** A connection API object (REST, or PowerShell's Get-AdminPowerAppConnection). */
export function connectionFromRest(raw: unknown, wrapper: Json = {}): TInventoryConnection | string {
  const object = asObject(raw) ?? {};
  const properties = asObject(object.properties) ?? {};
  const name = textOrNull(wrapper.ConnectionName) ?? textOrNull(object.name);
  const connector =
    textOrNull(wrapper.FullConnectorName) ??
    textOrNull(properties.apiId) ??
    textOrNull(wrapper.ConnectorName) ??
    textOrNull(/\/apis\/([^/]+)\/connections\//.exec(textOrNull(object.id) ?? "")?.[1]);
  const environment =
    textOrNull(wrapper.EnvironmentName) ?? textOrNull(at(properties, "environment", "name"));
  if (!name) return "The connection has no name (ConnectionName or name).";
  if (!connector) return "The connection has no connector (FullConnectorName or properties.apiId).";
  if (!environment)
    return "The connection has no environment (EnvironmentName or properties.environment.name).";
  const statuses = (Array.isArray(properties.statuses) ? properties.statuses : wrapper.Statuses) as unknown;
  const list = Array.isArray(statuses) ? statuses.map(asObject).filter((status) => status !== null) : [];
  const failed = list.find((status) => textOrNull(status.status)?.toLowerCase() !== "connected");
  const error = asObject(failed?.error);
  return {
    kind: "connection",
    environmentId: normaliseEnvironmentId(environment),
    connectionName: name,
    connectorId: normaliseConnectorId(connector),
    displayName: textOrNull(wrapper.DisplayName) ?? textOrNull(properties.displayName),
    status: list.length === 0 ? "UNKNOWN" : failed ? "ERROR" : "CONNECTED",
    statusMessage: failed
      ? [textOrNull(failed.status), textOrNull(error?.code), textOrNull(error?.message)]
          .filter(Boolean)
          .join(": ") || null
      : null,
    authType:
      textOrNull(at(properties, "connectionParametersSet", "name")) ??
      textOrNull(parameter(properties, "authType")),
    gateway: gatewayFrom(parameter(properties, "gateway")),
    machineOrGroup: textOrNull(parameter(properties, "targetId")),
    accountName: textOrNull(properties.accountName),
    createdBy: ownerFrom(properties.createdBy) ?? ownerFrom(wrapper.CreatedBy),
  };
}

/**
 * A custom connector's security from its connection parameters: an `oauthSetting` is OAuth 2.0
 * (with its identity provider), a `gatewaySetting` with a Windows authType is Windows,
 * `securestring` username + password is basic, any other `securestring` an API key.
 */
export function securityOf(connectionParameters: unknown): {
  security: CustomConnectorSecurity;
  identityProvider: string | null;
} {
  const parameters = Object.entries(asObject(connectionParameters) ?? {});
  const typed = parameters.map(([key, value]) => ({ key: key.toLowerCase(), value: asObject(value) ?? {} }));
  const oauth = typed.find((parameter) => parameter.value.type === "oauthSetting");
  if (oauth)
    return {
      security: "OAUTH2",
      identityProvider: textOrNull(at(oauth.value, "oAuthSettings", "identityProvider")),
    };
  const authType = typed.find((parameter) => parameter.key === "authtype");
  const allowed = JSON.stringify(
    at(authType?.value, "allowedValues") ?? at(authType?.value, "uiDefinition") ?? "",
  );
  if (typed.some((parameter) => parameter.value.type === "gatewaySetting") && /windows/i.test(allowed))
    return { security: "WINDOWS", identityProvider: null };
  const secure = typed.filter((parameter) => parameter.value.type === "securestring");
  if (
    secure.some((parameter) => parameter.key === "password") &&
    typed.some((parameter) => parameter.key === "username")
  )
    return { security: "BASIC", identityProvider: null };
  if (secure.length > 0) return { security: "API_KEY", identityProvider: null };
  return { security: "NONE", identityProvider: null };
}

/** A connector API object with isCustomApi (the custom connectors of an environment). */
export function customConnectorFromRest(
  raw: unknown,
  environmentId: string | null,
): TInventoryCustomConnector | null {
  const object = asObject(raw);
  const properties = asObject(object?.properties) ?? {};
  const name = textOrNull(object?.name) ?? textOrNull(object?.id);
  if (!name || properties.isCustomApi !== true) return null;
  const url = textOrNull(at(properties, "backendService", "serviceUrl"));
  let host: string | null = null;
  try {
    host = url ? new URL(url).host : null;
  } catch {
    host = url;
  }
  return {
    kind: "customConnector",
    environmentId,
    connectorId: normaliseConnectorId(name),
    displayName: textOrNull(properties.displayName),
    host,
    ...securityOf(properties.connectionParameters),
  };
}

/** A Dataverse `workflows` row with category 6 (a desktop flow). */
export function desktopFlowFromDataverse(raw: unknown, environmentId: string): TInventoryDesktopFlow | null {
  const object = asObject(raw);
  const id = textOrNull(object?.workflowid);
  if (!object || !id) return null;
  return {
    kind: "desktopFlow",
    environmentId,
    desktopFlowId: normaliseId(id),
    displayName: textOrNull(object.name) ?? id,
    // Read with $expand=ownerid($select=azureactivedirectoryobjectid,domainname,fullname).
    owner: ownerFrom({
      objectId: at(object, "ownerid", "azureactivedirectoryobjectid"),
      userPrincipalName: at(object, "ownerid", "domainname"),
      displayName: at(object, "ownerid", "fullname"),
    }),
    state: object.statecode === 1 ? "Activated" : object.statecode === 0 ? "Draft" : null,
  };
}

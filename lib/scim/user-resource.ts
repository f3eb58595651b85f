import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "@/lib/scim/constants";
import { scimBadRequest } from "@/lib/scim/errors";
import { attr, isObject, type Json, resourceMeta } from "@/lib/scim/resource-json";

// SCIM's User resource, both ways: what a person looks like to the identity provider, and what
// a pushed resource asks Preflight to store. Unknown attributes are ignored (RFC 7643 §3.1 lets
// a service provider keep only what it supports); the ones kept are checked here, and a bad one
// is SCIM's 400 with a scimType.

/** What Preflight keeps of a SCIM User. `undefined`: not said, leave as it is. */
export interface DesiredUser {
  userName: string;
  email: string | undefined;
  name: string | undefined;
  /** The Entra object id, from externalId; lower-case. */
  externalId: string | null | undefined;
  active: boolean | undefined;
  department: string | null | undefined;
  /** The manager's SCIM id (a Preflight user id), or an Entra object id. */
  managerRef: string | null | undefined;
}

/** The stored person a resource is drawn from. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  active: boolean;
  scimUserName: string | null;
  entraObjectId: string | null;
  department: { name: string } | null;
  lineManagerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const LIMITS = { userName: 256, email: 254, name: 200, department: 100 } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function toUserResource(user: UserRecord, baseUrl: string) {
  const enterprise = {
    ...(user.department ? { department: user.department.name } : {}),
    ...(user.lineManagerId
      ? { manager: { value: user.lineManagerId, $ref: `${baseUrl}/Users/${user.lineManagerId}` } }
      : {}),
  };
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    id: user.id,
    ...(user.entraObjectId ? { externalId: user.entraObjectId } : {}),
    userName: user.scimUserName ?? user.email,
    name: { formatted: user.name },
    displayName: user.name,
    emails: [{ value: user.email, type: "work", primary: true }],
    active: user.active,
    [ENTERPRISE_USER_SCHEMA]: enterprise,
    meta: resourceMeta("User", user, baseUrl),
  };
}

function text(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw scimBadRequest("invalidValue", `${field} must be a string.`);
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (trimmed.length > max)
    throw scimBadRequest("invalidValue", `${field} is longer than ${max} characters.`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(trimmed))
    throw scimBadRequest("invalidValue", `${field} contains control characters.`);
  return trimmed;
}

/** SCIM booleans; Entra's older provisioning jobs send "True" / "False" as strings. */
function bool(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === "true";
  throw scimBadRequest("invalidValue", `${field} must be true or false.`);
}

function primaryEmail(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw scimBadRequest("invalidValue", "emails must be a list.");
  const entries = value.filter(isObject);
  const chosen =
    entries.find((entry) => entry.primary === true || entry.primary === "True") ??
    entries.find((entry) => String(entry.type ?? "").toLowerCase() === "work") ??
    entries[0];
  return chosen ? text(chosen.value, "emails.value", LIMITS.email) : undefined;
}

function displayName(resource: Json): string | undefined {
  const direct = text(attr(resource, "displayName"), "displayName", LIMITS.name);
  if (direct) return direct;
  const name = attr(resource, "name");
  if (!isObject(name)) return undefined;
  const formatted = text(attr(name, "formatted"), "name.formatted", LIMITS.name);
  if (formatted) return formatted;
  const parts = [attr(name, "givenName"), attr(name, "familyName")]
    .map((part, index) => text(part, index === 0 ? "name.givenName" : "name.familyName", LIMITS.name))
    .filter(Boolean);
  return parts.length > 0 ? parts.join(" ").slice(0, LIMITS.name) : undefined;
}

function managerRef(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === "") return null;
  // Entra sends the manager's id as a string, or as { value } (RFC 7643 §4.3).
  const raw = isObject(value)
    ? attr(value, "value")
    : Array.isArray(value)
      ? (value[0] as Json)?.value
      : value;
  if (raw === null || raw === undefined || raw === "") return null;
  if (typeof raw !== "string" || !UUID.test(raw.trim()))
    throw scimBadRequest("invalidValue", "manager must be the id of a provisioned user.");
  return raw.trim().toLowerCase();
}

/**
 * Reads a pushed User. `previous` (PATCH and PUT) gives the name back when the resource no longer
 * states one. Absent optional attributes come back `undefined`; PUT and PATCH clear them
 * (`clearAbsent`), a create leaves a taken-over person's as they were.
 */
export function readUserResource(body: unknown, options: { clearAbsent: boolean }): DesiredUser {
  if (!isObject(body)) throw scimBadRequest("invalidSyntax", "The body must be a SCIM User object.");
  const userName = text(attr(body, "userName"), "userName", LIMITS.userName);
  if (!userName) throw scimBadRequest("invalidValue", "userName is required.");
  let email = primaryEmail(attr(body, "emails"));
  if (!email && EMAIL.test(userName)) email = userName;
  if (email && !EMAIL.test(email))
    throw scimBadRequest("invalidValue", "emails.value is not an e-mail address.");
  const externalRaw = text(attr(body, "externalId"), "externalId", 64);
  if (externalRaw && !UUID.test(externalRaw)) {
    throw scimBadRequest(
      "invalidValue",
      "externalId must be the user's Entra object id (map objectId to externalId in the provisioning attribute mappings).",
    );
  }
  const enterpriseKey = Object.keys(body).find(
    (key) => key.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase(),
  );
  const enterprise = enterpriseKey ? body[enterpriseKey] : undefined;
  if (enterprise !== undefined && enterprise !== null && !isObject(enterprise))
    throw scimBadRequest("invalidValue", `${ENTERPRISE_USER_SCHEMA} must be an object.`);
  const clear = <T>(value: T | undefined): T | null | undefined =>
    value === undefined && options.clearAbsent ? null : value;
  return {
    userName: userName.toLowerCase(),
    email: email?.toLowerCase(),
    name: displayName(body),
    externalId: clear(externalRaw?.toLowerCase()),
    active: bool(attr(body, "active"), "active"),
    department: clear(
      isObject(enterprise)
        ? text(attr(enterprise, "department"), "department", LIMITS.department)
        : undefined,
    ),
    managerRef: clear(isObject(enterprise) ? managerRef(attr(enterprise, "manager")) : undefined),
  };
}

/**
 * PATCH operations as the library expects them: ops lower-cased, attribute names in their
 * canonical case (SCIM compares them ignoring case; the library does not).
 */
export function normalizeOperations(
  body: unknown,
): { op: "add" | "replace" | "remove"; path?: string; value?: unknown }[] {
  if (!isObject(body)) throw scimBadRequest("invalidSyntax", "The body must be a SCIM PatchOp object.");
  const operations = attr(body, "Operations");
  if (!Array.isArray(operations) || operations.length === 0)
    throw scimBadRequest("invalidSyntax", "Operations must be a non-empty list.");
  if (operations.length > 1000) throw scimBadRequest("tooMany", "At most 1000 operations per request.");
  return operations.map((operation, index) => {
    if (!isObject(operation))
      throw scimBadRequest("invalidSyntax", `Operations[${index}] must be an object.`);
    const op = String(attr(operation, "op") ?? "").toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove")
      throw scimBadRequest("invalidSyntax", `Operations[${index}].op must be add, replace or remove.`);
    const path = attr(operation, "path");
    if (path !== undefined && (typeof path !== "string" || path.length > 500))
      throw scimBadRequest("invalidPath", `Operations[${index}].path must be a string.`);
    let value = attr(operation, "value");
    // Without a path the target is the resource itself (RFC 7644 §3.5.2): add and replace need
    // the attributes to set as an object, and remove needs a path.
    if (!path && op === "remove")
      throw scimBadRequest("noTarget", `Operations[${index}]: remove needs a path.`);
    if (!path && !isObject(value))
      throw scimBadRequest(
        "invalidValue",
        `Operations[${index}]: without a path, value must be an object of attributes.`,
      );
    if (!path && isObject(value)) value = flattenValueKeys(value);
    return { op, ...(path ? { path: canonicalPath(path) } : {}), ...(value !== undefined ? { value } : {}) };
  });
}

const CORE_ATTRIBUTES = ["userName", "displayName", "name", "emails", "active", "externalId"];

/** `Active` → `active`: the library matches attribute names exactly. */
function canonicalPath(path: string): string {
  const head = path.split(/[.[]/)[0] ?? "";
  const known = CORE_ATTRIBUTES.find((name) => name.toLowerCase() === head.toLowerCase());
  if (known) return known + path.slice(head.length);
  const prefix = `${ENTERPRISE_USER_SCHEMA}:`;
  if (path.toLowerCase().startsWith(prefix.toLowerCase())) {
    const rest = path.slice(prefix.length);
    // Entra writes the schema's own case; other clients may not.
    const name = ["department", "manager"].find((n) => rest.toLowerCase().startsWith(n.toLowerCase()));
    return `${prefix}${name ? name + rest.slice(name.length) : rest}`;
  }
  return path;
}

/**
 * A path-less operation's value with its keys as the library reads them: core names in their
 * canonical case, and enterprise attributes written in full (`urn:…:User:department`), which is
 * how Entra sends them — an extension object `{ "urn:…:User": { department } }` is spelled out so.
 */
function flattenValueKeys(value: Json): Json {
  const out: Json = {};
  const urn = ENTERPRISE_USER_SCHEMA.toLowerCase();
  for (const [key, entry] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower === urn && isObject(entry)) {
      for (const [sub, subValue] of Object.entries(entry))
        out[canonicalPath(`${ENTERPRISE_USER_SCHEMA}:${sub}`)] = subValue;
    } else if (lower.startsWith(`${urn}:`)) {
      out[canonicalPath(key)] = entry;
    } else {
      const known = CORE_ATTRIBUTES.find((name) => name.toLowerCase() === lower);
      out[known ?? key] = entry;
    }
  }
  return out;
}

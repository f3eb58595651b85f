import { GROUP_SCHEMA } from "@/lib/scim/constants";
import { scimBadRequest } from "@/lib/scim/errors";
import { attr, isObject, resourceMeta } from "@/lib/scim/resource-json";

// SCIM's Group resource (RFC 7643 §4.2), both ways. Preflight keeps the name, the Entra object
// id (externalId) and the members; an ADMIN maps a group to a role on the people page.

export interface GroupRecord {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  members: { userId: string }[];
}

export interface DesiredGroup {
  displayName: string;
  externalId: string | null | undefined;
  /** Member user ids; undefined: not said. */
  memberIds: string[] | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const GROUP_LIMITS = { displayName: 256, members: 50_000 } as const;

export function toGroupResource(group: GroupRecord, baseUrl: string) {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.members.map((member) => ({
      value: member.userId,
      $ref: `${baseUrl}/Users/${member.userId}`,
      type: "User",
    })),
    meta: resourceMeta("Group", group, baseUrl),
  };
}

export function readGroupResource(body: unknown, options: { clearAbsent: boolean }): DesiredGroup {
  if (!isObject(body)) throw scimBadRequest("invalidSyntax", "The body must be a SCIM Group object.");
  const rawName = attr(body, "displayName");
  if (typeof rawName !== "string" || rawName.trim() === "")
    throw scimBadRequest("invalidValue", "displayName is required.");
  const displayName = rawName.trim();
  if (displayName.length > GROUP_LIMITS.displayName)
    throw scimBadRequest(
      "invalidValue",
      `displayName is longer than ${GROUP_LIMITS.displayName} characters.`,
    );
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(displayName))
    throw scimBadRequest("invalidValue", "displayName contains control characters.");
  const rawExternal = attr(body, "externalId");
  let externalId: string | null | undefined;
  if (rawExternal === undefined || rawExternal === null || rawExternal === "") {
    externalId = options.clearAbsent ? null : undefined;
  } else if (typeof rawExternal === "string" && UUID.test(rawExternal.trim())) {
    externalId = rawExternal.trim().toLowerCase();
  } else {
    throw scimBadRequest("invalidValue", "externalId must be the group's Entra object id.");
  }
  const rawMembers = attr(body, "members");
  let memberIds: string[] | undefined;
  if (rawMembers === undefined || rawMembers === null) {
    memberIds = options.clearAbsent ? [] : undefined;
  } else {
    if (!Array.isArray(rawMembers)) throw scimBadRequest("invalidValue", "members must be a list.");
    if (rawMembers.length > GROUP_LIMITS.members)
      throw scimBadRequest("tooMany", "Too many members in one request.");
    memberIds = [
      ...new Set(
        rawMembers.map((member) => {
          const value = isObject(member) ? attr(member, "value") : member;
          if (typeof value !== "string" || !UUID.test(value.trim()))
            throw scimBadRequest("invalidValue", "members[].value must be the id of a provisioned user.");
          return value.trim().toLowerCase();
        }),
      ),
    ];
  }
  return { displayName, externalId, memberIds };
}

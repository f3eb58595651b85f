// What SCIM's User and Group resources share: reading a pushed resource's attributes, and the
// `meta` of a resource drawn from a stored record.

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Attribute names are case-insensitive (RFC 7643 §2.1): looked up ignoring case. */
export function attr(resource: Json, name: string): unknown {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(resource)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** A resource's `meta`: its type, when it was created and changed, and where it is read. */
export const resourceMeta = (
  resourceType: "User" | "Group",
  record: { id: string; createdAt: Date; updatedAt: Date },
  baseUrl: string,
) => ({
  resourceType,
  created: record.createdAt.toISOString(),
  lastModified: record.updatedAt.toISOString(),
  location: `${baseUrl}/${resourceType}s/${record.id}`,
});

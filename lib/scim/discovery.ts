import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  MAX_PAGE_SIZE,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from "@/lib/scim/constants";

// SCIM's discovery endpoints (RFC 7644 §4): what this service provider supports, stated as it
// is — filters on userName / externalId / id with eq, PATCH, no bulk, no sort, no ETags.

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "SCIM token",
        description: "A SCIM token an ADMIN creates on the people page (pfscim_…), sent as a bearer token.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

const attribute = (
  name: string,
  description: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  name,
  type: "string",
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

/** A schema of the discovery list: its attributes, and where it is read alone. */
const schemaResource = (
  baseUrl: string,
  id: string,
  name: string,
  description: string,
  attributes: Array<Record<string, unknown>>,
) => ({
  schemas: [SCHEMA_SCHEMA],
  id,
  name,
  description,
  attributes,
  meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${id}` },
});

function userSchema(baseUrl: string) {
  return schemaResource(baseUrl, USER_SCHEMA, "User", "A person in Preflight.", [
    attribute("userName", "The user principal name; unique, compared ignoring case.", {
      required: true,
      uniqueness: "server",
    }),
    attribute("externalId", "The Entra ID object id.", { caseExact: true }),
    attribute("displayName", "The name Preflight shows."),
    attribute("name", "The name's parts; formatted, or givenName and familyName, make the shown name.", {
      type: "complex",
      subAttributes: [
        attribute("formatted", "The full name."),
        attribute("givenName", "Given name."),
        attribute("familyName", "Family name."),
      ],
    }),
    attribute("emails", "The work e-mail; the primary one (or the work one) is kept.", {
      type: "complex",
      multiValued: true,
      subAttributes: [
        attribute("value", "The address."),
        attribute("type", "work"),
        attribute("primary", "Whether it is the primary address.", { type: "boolean" }),
      ],
    }),
    attribute("active", "false deactivates the person (a leaver).", { type: "boolean" }),
  ]);
}

function enterpriseSchema(baseUrl: string) {
  return schemaResource(baseUrl, ENTERPRISE_USER_SCHEMA, "EnterpriseUser", "Department and line manager.", [
    attribute("department", "Matched to a Preflight department by name (created when new)."),
    attribute("manager", "The line manager.", {
      type: "complex",
      subAttributes: [attribute("value", "The manager's id here.", { caseExact: true })],
    }),
  ]);
}

function groupSchema(baseUrl: string) {
  return schemaResource(
    baseUrl,
    GROUP_SCHEMA,
    "Group",
    "A directory group; an ADMIN maps it to a Preflight role.",
    [
      attribute("displayName", "The group's name.", { required: true }),
      attribute("externalId", "The Entra object id of the group.", { caseExact: true }),
      attribute("members", "Provisioned users in the group.", {
        type: "complex",
        multiValued: true,
        subAttributes: [attribute("value", "The member's id here.", { caseExact: true })],
      }),
    ],
  );
}

const list = (resources: unknown[]) => ({
  schemas: [LIST_RESPONSE_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

export const schemas = (baseUrl: string) =>
  list([userSchema(baseUrl), enterpriseSchema(baseUrl), groupSchema(baseUrl)]);

/** A resource type of the discovery list: where it lives, its schema and its extensions. */
const resourceType = (
  baseUrl: string,
  name: string,
  description: string,
  schema: string,
  extensions: string[] = [],
) => ({
  schemas: [RESOURCE_TYPE_SCHEMA],
  id: name,
  name,
  endpoint: `/${name}s`,
  description,
  schema,
  ...(extensions.length > 0
    ? { schemaExtensions: extensions.map((extension) => ({ schema: extension, required: false })) }
    : {}),
  meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${name}` },
});

export const resourceTypes = (baseUrl: string) =>
  list([
    resourceType(baseUrl, "User", "People", USER_SCHEMA, [ENTERPRISE_USER_SCHEMA]),
    resourceType(baseUrl, "Group", "Groups, mapped to roles", GROUP_SCHEMA),
  ]);

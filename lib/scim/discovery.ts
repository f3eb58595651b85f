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

function userSchema(baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: USER_SCHEMA,
    name: "User",
    description: "A person in Preflight.",
    attributes: [
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
    ],
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${USER_SCHEMA}` },
  };
}

function enterpriseSchema(baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: ENTERPRISE_USER_SCHEMA,
    name: "EnterpriseUser",
    description: "Department and line manager.",
    attributes: [
      attribute("department", "Matched to a Preflight department by name (created when new)."),
      attribute("manager", "The line manager.", {
        type: "complex",
        subAttributes: [attribute("value", "The manager's id here.", { caseExact: true })],
      }),
    ],
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${ENTERPRISE_USER_SCHEMA}` },
  };
}

function groupSchema(baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: GROUP_SCHEMA,
    name: "Group",
    description: "A directory group; an ADMIN maps it to a Preflight role.",
    attributes: [
      attribute("displayName", "The group's name.", { required: true }),
      attribute("externalId", "The Entra object id of the group.", { caseExact: true }),
      attribute("members", "Provisioned users in the group.", {
        type: "complex",
        multiValued: true,
        subAttributes: [attribute("value", "The member's id here.", { caseExact: true })],
      }),
    ],
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${GROUP_SCHEMA}` },
  };
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

export const resourceTypes = (baseUrl: string) =>
  list([
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "People",
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Groups, mapped to roles",
      schema: GROUP_SCHEMA,
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ]);

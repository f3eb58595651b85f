import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZServiceKey } from "@/lib/automations/schemas";
import {
  connectorNameFromId,
  deriveServiceKey,
  KNOWN_CONNECTORS,
  type MappingInput,
  mapConnector,
  signInFromAuthType,
  UNKNOWN,
} from "./mapping";
import { CONNECTION_SOURCES, CUSTOM_CONNECTOR_SECURITIES } from "./records";

const CUSTOM_ID = "shared_contoso-20invoicing-5fdd00e4805bfffb8f-5fbaee43593a7efda0";

// docs/inventory/mapping.md, row by row. "CoE" rows have what a CoE export knows (connector id,
// invoker/embedded, custom flag); "sync" rows add auth type, gateway and the custom connector's security.
const ROWS: Array<{ row: string; input: MappingInput; expected: Partial<ReturnType<typeof mapConnector>> }> =
  [
    {
      row: "Microsoft 365, invoker (CoE)",
      input: { connectorId: "shared_office365", source: "INVOKER" },
      expected: {
        name: "Office 365 Outlook",
        location: "CLOUD",
        signInMethod: "ENTRA_ID",
        gateway: null,
        connectionOf: "EACH_RUN_ONLY_USER",
      },
    },
    {
      row: "Dataverse, embedded (CoE)",
      input: { connectorId: "shared_commondataserviceforapps", source: "EMBEDDED" },
      expected: { name: "Microsoft Dataverse", signInMethod: "ENTRA_ID", connectionOf: "OWNER" },
    },
    {
      row: "SharePoint through a gateway (sync)",
      input: { connectorId: "shared_sharepointonline", gateway: "gw-hq", authType: "windows" },
      expected: { location: "ON_PREMISES", signInMethod: "WINDOWS", gateway: "gw-hq" },
    },
    {
      row: "SQL Server without auth type (CoE)",
      input: { connectorId: "shared_sql" },
      expected: { name: "SQL Server", location: UNKNOWN, signInMethod: UNKNOWN, gateway: UNKNOWN },
    },
    {
      row: "SQL Server windowsAuthentication (sync)",
      input: { connectorId: "shared_sql", authType: "windowsAuthentication", gateway: "gw-sql" },
      expected: { location: "ON_PREMISES", signInMethod: "WINDOWS", gateway: "gw-sql" },
    },
    {
      row: "SQL Server sqlAuthentication through a gateway (sync)",
      input: { connectorId: "shared_sql", authType: "sqlAuthentication", gateway: "gw-sql" },
      expected: { location: "ON_PREMISES", signInMethod: "USERNAME_PASSWORD" },
    },
    {
      row: "SQL Server sqlAuthentication in the cloud (sync)",
      input: { connectorId: "shared_sql", authType: "sqlAuthentication", gateway: null },
      expected: { location: "CLOUD", signInMethod: "USERNAME_PASSWORD", gateway: null },
    },
    {
      row: "SQL Server oauth (sync)",
      input: { connectorId: "shared_sql", authType: "oauth", gateway: null },
      expected: { location: "CLOUD", signInMethod: "ENTRA_ID" },
    },
    {
      row: "File system (CoE)",
      input: { connectorId: "shared_filesystem" },
      expected: { location: "ON_PREMISES", signInMethod: "WINDOWS", gateway: UNKNOWN },
    },
    {
      row: "Desktop flows (CoE)",
      input: { connectorId: "shared_uiflow" },
      expected: { name: "Desktop flows", location: "ON_PREMISES", signInMethod: "WINDOWS", gateway: UNKNOWN },
    },
    {
      row: "Desktop flows with a machine group (sync)",
      input: { connectorId: "shared_uiflow", gateway: null, machineOrGroup: "mg-finance" },
      expected: { signInMethod: "WINDOWS", gateway: "mg-finance" },
    },
    {
      row: "Custom connector, API key (sync)",
      input: {
        connectorId: CUSTOM_ID,
        customConnector: {
          displayName: "Contoso Invoicing",
          host: "invoicing.contoso.example",
          security: "API_KEY",
        },
      },
      expected: {
        name: "Contoso Invoicing",
        location: "CLOUD",
        signInMethod: "SHARED_KEY",
        service: "contoso-invoicing",
        externalId: CUSTOM_ID,
      },
    },
    {
      row: "Custom connector, basic (sync)",
      input: { connectorId: CUSTOM_ID, customConnector: { security: "BASIC", host: "erp.corp" } },
      expected: { name: "contoso invoicing", location: "ON_PREMISES", signInMethod: "USERNAME_PASSWORD" },
    },
    {
      row: "Custom connector, OAuth 2.0 with Entra ID (sync)",
      input: { connectorId: CUSTOM_ID, customConnector: { security: "OAUTH2", identityProvider: "aad" } },
      expected: { signInMethod: "ENTRA_ID", location: UNKNOWN },
    },
    {
      row: "Custom connector, OAuth 2.0 with another provider (sync)",
      input: { connectorId: CUSTOM_ID, customConnector: { security: "OAUTH2", identityProvider: "google" } },
      expected: { signInMethod: UNKNOWN },
    },
    {
      row: "Custom connector, Windows through a gateway (sync)",
      input: { connectorId: CUSTOM_ID, gateway: "gw-hq", customConnector: { security: "WINDOWS" } },
      expected: { signInMethod: "WINDOWS", location: "ON_PREMISES", gateway: "gw-hq" },
    },
    {
      row: "Custom connector, security unknown (CoE)",
      input: { connectorId: CUSTOM_ID, custom: true, connectorDisplayName: "Contoso Invoicing" },
      expected: { name: "Contoso Invoicing", signInMethod: UNKNOWN, known: true },
    },
    {
      row: "Unknown connector (any source)",
      input: { connectorId: "shared_salesforce", connectorDisplayName: "Salesforce" },
      expected: { name: "Salesforce", known: false, location: UNKNOWN, signInMethod: UNKNOWN },
    },
    {
      row: "Unknown connector through a gateway (sync)",
      input: { connectorId: "shared_informix", gateway: "gw-hq", authType: "basic" },
      expected: {
        name: "informix",
        known: false,
        location: "ON_PREMISES",
        signInMethod: "USERNAME_PASSWORD",
      },
    },
    {
      row: "HTTP (CoE pseudo-connector)",
      input: { connectorId: "http" },
      expected: { name: "HTTP", signInMethod: UNKNOWN },
    },
  ];

describe("mapping table", () => {
  for (const { row, input, expected } of ROWS) {
    it(row, () => {
      expect(mapConnector(input)).toMatchObject(expected);
    });
  }

  it("reads SQL Server's parameter sets", () => {
    expect(signInFromAuthType("windowsAuthenticationNonShared")).toBe("WINDOWS");
    expect(signInFromAuthType("oauthSP")).toBe("ENTRA_ID");
    expect(signInFromAuthType("certOauth")).toBe("ENTRA_ID");
    expect(signInFromAuthType("sqlAuthentication")).toBe("USERNAME_PASSWORD");
    expect(signInFromAuthType("anonymous")).toBeNull();
  });

  it("decodes a custom connector's id to its name", () => {
    expect(connectorNameFromId(CUSTOM_ID)).toBe("contoso invoicing");
    expect(deriveServiceKey({ connectorId: CUSTOM_ID })).toBe("contoso-invoicing");
    expect(deriveServiceKey({ host: "https://api.billing.example:8443/v1" })).toBe("api.billing.example");
    expect(deriveServiceKey({ displayName: "Überweisungen (SAP) — Prod" })).toBe("uberweisungen-sap-prod");
    expect(deriveServiceKey({ displayName: "!!!" })).toBe("custom-connector");
  });
});

const arbitraryInput: fc.Arbitrary<MappingInput> = fc.record(
  {
    connectorId: fc.oneof(
      fc.constantFrom(...Object.keys(KNOWN_CONNECTORS), CUSTOM_ID, "constructor", "__proto__", "toString"),
      fc.string(),
    ),
    connectorDisplayName: fc.option(fc.string(), { nil: null }),
    custom: fc.option(fc.boolean(), { nil: null }),
    source: fc.option(fc.constantFrom(...CONNECTION_SOURCES), { nil: null }),
    authType: fc.option(
      fc.oneof(fc.constantFrom("windowsAuthentication", "sqlAuthentication", "oauth", "basic"), fc.string()),
      { nil: null },
    ),
    gateway: fc.option(fc.string({ minLength: 1 }), { nil: null }),
    machineOrGroup: fc.option(fc.string({ minLength: 1 }), { nil: null }),
    customConnector: fc.option(
      fc.record({
        displayName: fc.option(fc.string(), { nil: null }),
        host: fc.option(fc.oneof(fc.domain(), fc.webUrl(), fc.string()), { nil: null }),
        security: fc.option(fc.constantFrom(...CUSTOM_CONNECTOR_SECURITIES), { nil: null }),
        identityProvider: fc.option(fc.string(), { nil: null }),
      }),
      { nil: null },
    ),
  },
  { requiredKeys: ["connectorId"] },
);

describe("mapping properties", () => {
  it("maps every input to a system with a name, never throwing, and keeps the connector id", () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const system = mapConnector(input);
        expect(system.name.length).toBeGreaterThan(0);
        expect(system.externalId).toBe(input.connectorId);
        expect(system.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it("gives a shared key a service key that passes the service-key rules", () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const system = mapConnector(input);
        expect(system.signInMethod === "SHARED_KEY").toBe(system.service !== null);
        if (system.service) expect(ZServiceKey.parse(system.service)).toBe(system.service);
      }),
    );
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.string()),
        fc.option(fc.string()),
        (displayName, host, connectorId) => {
          const key = deriveServiceKey({ displayName, host, connectorId });
          expect(ZServiceKey.parse(key)).toBe(key);
        },
      ),
    );
  });

  it("never invents a gateway when the source cannot tell", () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const { gateway: _omitted, machineOrGroup: _none, ...withoutGateway } = input;
        const system = mapConnector(withoutGateway);
        const entraWithoutGateway = system.signInMethod === "ENTRA_ID" && system.gateway === null;
        expect(system.gateway === UNKNOWN || entraWithoutGateway).toBe(true);
      }),
    );
  });

  it("says whose connection a run-only user runs with only for Entra ID systems", () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const system = mapConnector(input);
        if (system.connectionOf !== null) expect(system.signInMethod).toBe("ENTRA_ID");
      }),
    );
  });
});

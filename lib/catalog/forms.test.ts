import { describe, expect, it } from "vitest";
import {
  type ConnectorDraft,
  checkConnector,
  connectorChanges,
  connectorDraftOf,
  EMPTY_CONNECTOR,
  fieldsUnder,
  gatewayChanges,
  toConnectorFields,
} from "@/lib/catalog/forms";

const NOW = new Date("2026-03-01T12:00:00Z");

const valid: ConnectorDraft = {
  name: "ERP integration",
  service: "sap-erp",
  ownerTeam: "IT Integration",
  keyReference: "https://kv-it.vault.azure.net/secrets/sap-erp",
  keyExpiresAt: "2026-06-01",
  sharing: "ALL",
  departmentIds: [],
};

describe("checkConnector", () => {
  it("accepts a complete draft", () => {
    expect(checkConnector(valid, { withService: true, now: NOW })).toEqual({});
  });

  it("names every missing field", () => {
    const errors = checkConnector(EMPTY_CONNECTOR, { withService: true, now: NOW });
    expect(Object.keys(errors).sort()).toEqual([
      "keyExpiresAt",
      "keyReference",
      "name",
      "ownerTeam",
      "service",
    ]);
  });

  it("refuses a past expiry, a malformed service and listed sharing without departments", () => {
    const errors = checkConnector(
      { ...valid, service: "SAP ERP!", keyExpiresAt: "2026-02-28", sharing: "DEPARTMENTS" },
      { withService: true, now: NOW },
    );
    expect(errors.service).toMatch(/letters, digits/);
    expect(errors.keyExpiresAt).toMatch(/future/);
    expect(errors.sharedWith).toMatch(/at least one department/);
  });

  it("refuses a key pasted where its reference belongs", () => {
    const key = `AKIA${"IOSFODNN7EXAMPLE"}`;
    expect(
      checkConnector({ ...valid, keyReference: key }, { withService: false, now: NOW }).keyReference,
    ).toMatch(/looks like the key itself/);
  });

  it("checks the key reference against the chosen store, with the grammar and an example", () => {
    const cyberArk = { ...valid, keyStore: "CYBERARK" as const };
    expect(
      checkConnector({ ...cyberArk, keyReference: "FIN-IT/sap-erp" }, { withService: false, now: NOW }),
    ).toEqual({});
    const message = checkConnector(cyberArk, { withService: false, now: NOW }).keyReference;
    expect(message).toMatch(/^The key reference must be a CyberArk reference: /);
    expect(message).toContain("Example: FIN-BANKING/svc-bank-bot");
    expect(
      checkConnector({ ...valid, keyReference: "kv/erp" }, { withService: false, now: NOW }).keyReference,
    ).toMatch(/3–24 characters/);
  });

  it("skips the service when the service is not asked for", () => {
    expect(checkConnector({ ...valid, service: "" }, { withService: false, now: NOW })).toEqual({});
  });
});

describe("toConnectorFields", () => {
  it("trims and sends the sharing as the API's sharedWith", () => {
    expect(
      toConnectorFields({ ...valid, name: "  ERP  ", sharing: "DEPARTMENTS", departmentIds: ["d1"] }),
    ).toEqual({
      name: "ERP",
      ownerTeam: "IT Integration",
      keyReference: "https://kv-it.vault.azure.net/secrets/sap-erp",
      keyExpiresAt: "2026-06-01",
      sharedWith: ["d1"],
    });
  });
});

describe("connectorChanges", () => {
  const stored = connectorDraftOf({
    name: "ERP",
    service: "sap-erp",
    ownerTeam: "IT",
    keyReference: "kv/erp",
    keyExpiresAt: "2026-01-01T00:00:00.000Z",
    sharing: "DEPARTMENTS",
    departments: [{ id: "a" }, { id: "b" }],
  });

  it("sends only what changed, and does not re-check an untouched past expiry", () => {
    const result = connectorChanges(
      stored,
      { ...stored, name: "ERP (prod)", departmentIds: ["b", "a"] },
      NOW,
    );
    expect(result).toEqual({ changes: { name: "ERP (prod)" }, errors: {} });
  });

  it("sends a new key store, and checks the reference against it even when the reference is unchanged", () => {
    const result = connectorChanges(stored, { ...stored, keyStore: "HASHICORP_VAULT" }, NOW);
    expect(result.changes).toEqual({ keyStore: "HASHICORP_VAULT" });
    expect(result.errors).toEqual({});
    const misfit = connectorChanges(stored, { ...stored, keyStore: "AWS_SECRETS_MANAGER" }, NOW);
    expect(Object.keys(misfit.errors)).toEqual(["keyReference"]);
  });

  it("checks the fields that changed", () => {
    const result = connectorChanges(stored, { ...stored, ownerTeam: " ", departmentIds: ["a"] }, NOW);
    expect(result.changes).toEqual({ ownerTeam: "", sharedWith: ["a"] });
    expect(Object.keys(result.errors)).toEqual(["ownerTeam"]);
  });
});

describe("gatewayChanges", () => {
  it("sends the edited fields only", () => {
    const stored = { name: "gw-1", kind: "DATA_GATEWAY" as const, cluster: "c", host: "h", region: "r" };
    expect(gatewayChanges(stored, { ...stored, host: " h2 " })).toEqual({
      changes: { host: "h2" },
      errors: {},
    });
  });
});

describe("people in the catalog forms", () => {
  const mia = { id: "11111111-1111-4111-8111-111111111111", name: "Mia", email: "mia@example.com" };
  const ivan = { id: "22222222-2222-4222-8222-222222222222", name: "Ivan", email: "ivan@example.com" };

  it("a new connector names its owner by id, and leaves it out when none is chosen", () => {
    expect(toConnectorFields({ ...valid, owner: mia })).toMatchObject({ ownerId: mia.id });
    expect(toConnectorFields({ ...valid, owner: null })).not.toHaveProperty("ownerId");
  });

  it("an edit sends ownerId only when the owner changed, null when removed", () => {
    const stored = { ...valid, owner: mia };
    expect(connectorChanges(stored, { ...stored }, NOW).changes).toEqual({});
    expect(connectorChanges(stored, { ...stored, owner: ivan }, NOW).changes).toEqual({ ownerId: ivan.id });
    expect(connectorChanges(stored, { ...stored, owner: null }, NOW).changes).toEqual({ ownerId: null });
  });

  it("a gateway edit sends the whole admin list when it changed, in any order", () => {
    const stored = {
      name: "gw-1",
      kind: "DATA_GATEWAY" as const,
      cluster: "c",
      host: "h",
      region: "r",
      admins: [mia, ivan],
    };
    expect(gatewayChanges(stored, { ...stored, admins: [ivan, mia] }).changes).toEqual({});
    expect(gatewayChanges(stored, { ...stored, admins: [ivan] }).changes).toEqual({ adminIds: [ivan.id] });
  });
});

describe("fieldsUnder", () => {
  it("takes one part of the API's field errors, folding array items into their array", () => {
    const fields = {
      reason: "reason is required.",
      "connector.keyReference": "Looks like a key.",
      "connector.sharedWith.0": "Not a department.",
    };
    expect(fieldsUnder(fields, "connector")).toEqual({
      keyReference: "Looks like a key.",
      sharedWith: "Not a department.",
    });
    expect(fieldsUnder(fields)).toEqual({ reason: "reason is required.", connector: "Looks like a key." });
  });
});

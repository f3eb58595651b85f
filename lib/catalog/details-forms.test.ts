import { describe, expect, it } from "vitest";
import {
  checkConnectorApi,
  checkDataSource,
  connectorApiChanges,
  connectorApiDraftOf,
  EMPTY_CONNECTOR_API,
  parseScopes,
  toConnectorApi,
  toOptionalConnectorApi,
  withDataSource,
} from "@/lib/catalog/details-forms";
import { DATA_CLASSIFICATIONS, dataSourceKey, ZBaseUrl } from "@/lib/catalog/schemas";
import { DataClassification } from "@/lib/generated/prisma/enums";

const SOURCE = {
  type: "SQL_SERVER",
  server: "sql-fin-01",
  database: "FinanceDW",
  environment: "PRODUCTION",
} as const;

describe("data classifications", () => {
  it("are the DataClassification enum of the schema", () => {
    expect([...DATA_CLASSIFICATIONS]).toEqual(Object.values(DataClassification));
  });
});

describe("data sources", () => {
  it("are the same source whatever the case and blanks of server and database", () => {
    expect(dataSourceKey({ ...SOURCE, server: " SQL-FIN-01 ", database: "financedw" })).toBe(
      dataSourceKey(SOURCE),
    );
    expect(dataSourceKey({ ...SOURCE, type: "ORACLE" })).not.toBe(dataSourceKey(SOURCE));
    expect(dataSourceKey({ ...SOURCE, database: "HRDW" })).not.toBe(dataSourceKey(SOURCE));
  });

  it("are added to a list once", () => {
    const once = withDataSource([], SOURCE);
    expect(withDataSource(once, { ...SOURCE, server: "SQL-FIN-01", environment: "TEST" })).toEqual([SOURCE]);
    expect(withDataSource(once, { ...SOURCE, database: "HRDW" })).toHaveLength(2);
  });

  it("are checked field by field, secrets included", () => {
    expect(checkDataSource({ type: "", server: " ", database: "", environment: "" })).toEqual({
      type: expect.any(String),
      server: expect.any(String),
      database: expect.any(String),
      environment: expect.any(String),
    });
    expect(checkDataSource(SOURCE)).toEqual({});
    const pasted = checkDataSource({ ...SOURCE, server: `Server=sql-fin-01;Password=${"Winter2026!"};` });
    expect(Object.keys(pasted)).toEqual(["server"]);
  });
});

describe("a connector's API", () => {
  const API = {
    vendor: " Workday ",
    baseUrl: "https://wd5.example.com/api ",
    authScheme: "OAUTH2_CLIENT_CREDENTIALS",
    scopes: "read:workers,\n read:org\n\nread:workers",
    dataClassification: "CONFIDENTIAL",
  } as const;

  it("reads scopes from lines or commas, trimmed, without blanks or repeats", () => {
    expect(parseScopes(API.scopes)).toEqual(["read:workers", "read:org"]);
    expect(parseScopes(" , \n")).toEqual([]);
  });

  it("is all required on a request, optional on IT's forms", () => {
    expect(Object.keys(checkConnectorApi(EMPTY_CONNECTOR_API, { required: true })).sort()).toEqual(
      ["authScheme", "baseUrl", "dataClassification", "scopes", "vendor"].sort(),
    );
    expect(checkConnectorApi(EMPTY_CONNECTOR_API, { required: false })).toEqual({});
    expect(checkConnectorApi(API, { required: true })).toEqual({});
    expect(toConnectorApi(API)).toEqual({
      vendor: "Workday",
      baseUrl: "https://wd5.example.com/api",
      authScheme: "OAUTH2_CLIENT_CREDENTIALS",
      scopes: ["read:workers", "read:org"],
      dataClassification: "CONFIDENTIAL",
    });
    expect(toOptionalConnectorApi({ ...EMPTY_CONNECTOR_API, vendor: "Workday" })).toEqual({
      vendor: "Workday",
    });
  });

  it("refuses an address the API refuses, with the same reasons", () => {
    for (const baseUrl of [
      "wd5.example.com",
      "http://wd5.example.com",
      "https://bot:pw@wd5.example.com",
      "https://wd5.example.com/?key=1",
    ]) {
      const form = checkConnectorApi({ ...API, baseUrl }, { required: true });
      const api = ZBaseUrl.safeParse(baseUrl);
      expect(form.baseUrl, baseUrl).toBeDefined();
      expect(api.success, baseUrl).toBe(false);
    }
    expect(ZBaseUrl.safeParse("https://wd5.example.com/api/v1").success).toBe(true);
  });

  it("edits: only what changed, an emptied field cleared (null), and only their problems", () => {
    const stored = connectorApiDraftOf({
      vendor: "Workday",
      baseUrl: null,
      authScheme: "BASIC",
      scopes: ["read:workers"],
      dataClassification: "INTERNAL",
    });
    expect(connectorApiChanges(stored, stored)).toEqual({ changes: {}, errors: {} });
    const edited = connectorApiChanges(stored, {
      ...stored,
      vendor: "",
      scopes: "read:workers, read:org",
      dataClassification: "",
    });
    expect(edited).toEqual({
      changes: { vendor: null, scopes: ["read:workers", "read:org"], dataClassification: null },
      errors: {},
    });
    expect(connectorApiChanges(stored, { ...stored, baseUrl: "http://x.example.com" }).errors).toEqual({
      baseUrl: expect.stringContaining("https://"),
    });
  });
});

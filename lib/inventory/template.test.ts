import { describe, expect, it } from "vitest";
import { looksLikeSecret } from "@/lib/secrets/detect";
import { ZInventoryDeclaredSystem } from "./records";
import { parsePreflightTemplate, TEMPLATE_HEADER } from "./template";
import { collect, ofKind, sampleFiles, upload } from "./testing/uploads";

const HEADER = TEMPLATE_HEADER;
const row = (cells: Partial<Record<string, string>>) =>
  HEADER.split(",")
    .map((column) => cells[column] ?? "")
    .join(",");
const BASE = {
  environment: "Default-ENV1",
  flow_id: "F1",
  flow_name: "Payroll",
  owner: "Pat@Contoso.example",
};

describe("Preflight CSV template", () => {
  it("reads the shipped template: one automation per flow, one system per row", async () => {
    const { records, errors, unreadable } = await collect(parsePreflightTemplate(sampleFiles("preflight")));
    expect([...errors, ...unreadable]).toEqual([]);
    expect(ofKind(records, "flow").map((flow) => flow.displayName)).toEqual([
      "Invoice approval",
      "Nightly ledger export",
      "Weekly report",
    ]);
    expect(ofKind(records, "desktopFlow")).toHaveLength(1);
    const systems = ofKind(records, "declaredSystem");
    for (const system of systems) ZInventoryDeclaredSystem.parse(system);
    expect(
      systems.map((system) => [system.name, system.signInMethod, system.service, system.gateway]),
    ).toEqual([
      ["Office 365 Outlook", "ENTRA_ID", null, null],
      ["Contoso Invoicing", "SHARED_KEY", "contoso-invoicing", null],
      ["Ledger database", "WINDOWS", null, "gw-headquarters"],
      ["Online banking", "USERNAME_PASSWORD", null, "mg-finance-bots"],
    ]);
  });

  it("accepts readable spellings, ';' and the environment's Default- prefix", async () => {
    const content = `${HEADER.replaceAll(",", ";")}\r\n${row({ ...BASE, system: "SAP", location: "On-premises", sign_in_method: "Shared key", service: "SAP-ERP" }).replaceAll(",", ";")}\r\n`;
    const { records, errors } = await collect(parsePreflightTemplate([upload("t.csv", content)]));
    expect(errors).toEqual([]);
    expect(ofKind(records, "flow")[0]).toMatchObject({
      environmentId: "env1",
      flowId: "f1",
      owner: { upn: "pat@contoso.example" },
    });
    expect(ofKind(records, "declaredSystem")[0]).toMatchObject({
      location: "ON_PREMISES",
      signInMethod: "SHARED_KEY",
      service: "sap-erp",
    });
  });

  it("names the missing columns", async () => {
    const { unreadable } = await collect(
      parsePreflightTemplate([upload("t.csv", "environment,system\nx,y\n")]),
    );
    expect(unreadable[0]?.message).toBe(
      `t.csv lacks the columns flow_id, flow_name (the template's header is: ${HEADER}).`,
    );
  });

  it("reports each bad row with its column and reads the rest", async () => {
    const lines = [
      row({ ...BASE, system: "A", location: "moon", sign_in_method: "WINDOWS" }),
      row({ ...BASE, system: "B", location: "CLOUD", sign_in_method: "magic" }),
      row({ ...BASE, system: "C", location: "CLOUD", sign_in_method: "SHARED_KEY" }),
      row({ ...BASE, system: "D", location: "CLOUD", sign_in_method: "SHARED_KEY", service: "not a key!" }),
      row({ ...BASE, system: "E", location: "CLOUD", sign_in_method: "WINDOWS", service: "sap" }),
      row({ ...BASE, flow_id: "" }),
      row({ ...BASE, flow_name: "Payroll 2", system: "F", location: "CLOUD", sign_in_method: "ENTRA_ID" }),
      row({ ...BASE, kind: "robot" }),
      row({ ...BASE, system: "G", location: "CLOUD", sign_in_method: "ENTRA_ID" }),
      row({ ...BASE, system: "g", location: "CLOUD", sign_in_method: "ENTRA_ID" }),
    ];
    const { records, errors } = await collect(
      parsePreflightTemplate([upload("t.csv", `${HEADER}\n${lines.join("\n")}\n`)]),
    );
    expect(errors.map((error) => [error.row, error.column])).toEqual([
      [2, "location"],
      [3, "sign_in_method"],
      [4, "service"],
      [5, "service"],
      [6, "service"],
      [7, "flow_id"],
      [8, "flow_name"],
      [9, "kind"],
      [11, "system"],
    ]);
    expect(errors[3]?.message).toMatch(/service must be a service key/);
    expect(ofKind(records, "declaredSystem").map((system) => system.name)).toEqual(["G"]);
  });

  it("refuses a secret-looking cell without repeating it, and keeps formulas as text", async () => {
    const secret = `${"ghp_"}${"R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s12"}`;
    const lines = [
      row({ ...BASE, system: secret, location: "CLOUD", sign_in_method: "ENTRA_ID" }),
      row({
        ...BASE,
        flow_id: "F2",
        flow_name: '"=HYPERLINK(""http://x.example"")"',
        system: "S",
        location: "CLOUD",
        sign_in_method: "ENTRA_ID",
      }),
    ];
    const { records, errors } = await collect(
      parsePreflightTemplate([upload("t.csv", `${HEADER}\n${lines.join("\n")}\n`)]),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 2, column: "system" });
    expect(errors[0]?.message).not.toContain(secret);
    expect(ofKind(records, "flow")[0]?.displayName).toBe('=HYPERLINK("http://x.example")');
  });
});

describe("shipped samples", () => {
  it("hold nothing that looks like a secret", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { SAMPLES } = await import("./testing/uploads");
    for (const folder of readdirSync(SAMPLES)) {
      for (const name of readdirSync(`${SAMPLES}/${folder}`)) {
        const bytes = readFileSync(`${SAMPLES}/${folder}/${name}`);
        const text = bytes[0] === 0xff ? bytes.subarray(2).toString("utf16le") : bytes.toString("utf8");
        for (const value of text.split(/[\s,;"{}[\]:]+/)) {
          // Connector ids and GUIDs are identifiers, not keys.
          if (/^(shared_|\/providers\/)/.test(value)) continue;
          expect(looksLikeSecret(value), `${folder}/${name}: ${value}`).toBeNull();
        }
      }
    }
  });
});

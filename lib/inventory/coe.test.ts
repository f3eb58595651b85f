import { describe, expect, it } from "vitest";
import { parseCoeExport } from "./coe";
import { ZInventoryFlow } from "./records";
import { collect, ofKind, sampleFiles, upload, utf16le } from "./testing/uploads";

const FLOW_HEADER =
  "admin_flowid,admin_displayname,admin_flowenvironmentid,admin_flowcreatorupn,admin_flowstate,admin_containsplaintextpassword";
const CONNECTORS = "admin_connectorid,admin_name,admin_displayname\nc1,shared_sql,SQL Server\n";
const REFERENCES = "admin_flow,admin_connector,admin_flow_connectionreferencesource\n";

function minimal(flows: string, references = REFERENCES, connectors = CONNECTORS) {
  return [
    upload("admin_flow.csv", flows),
    upload("admin_connectionreference.csv", references),
    upload("admin_connector.csv", connectors),
  ];
}

describe("CoE Starter Kit export", () => {
  it("reads the shipped sample: environments, owners, flows, references, custom connectors, desktop flows", async () => {
    const { records, errors, unreadable } = await collect(parseCoeExport(sampleFiles("coe")));
    expect(unreadable).toEqual([]);
    expect(errors).toEqual([]);
    const environments = ofKind(records, "environment");
    expect(environments.map((environment) => environment.id)).toEqual([
      "0b3a7c21-5d4e-4f6a-9b8c-1d2e3f4a5b6c",
      "7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
    ]);
    const flows = ofKind(records, "flow");
    expect(flows).toHaveLength(3);
    for (const flow of flows) ZInventoryFlow.parse(flow);
    const ledger = flows.find((flow) => flow.displayName === "Nightly ledger export")!;
    expect(ledger).toMatchObject({
      environmentId: "7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
      state: "STARTED",
      containsPlainTextPassword: true,
      owner: { upn: "former.employee@contoso.example", objectId: "b2222222-2222-4222-8222-222222222222" },
    });
    const references = ofKind(records, "connectionReference");
    // The app's reference (no admin_flow) is not a flow's.
    expect(references).toHaveLength(5);
    expect(references.find((reference) => reference.connectorId === "shared_office365")).toMatchObject({
      flowId: "f0000001-0000-4000-8000-000000000001",
      source: "INVOKER",
      connectorDisplayName: "Office 365 Outlook",
    });
    expect(ofKind(records, "customConnector")).toEqual([
      expect.objectContaining({
        connectorId: "shared_contoso-20invoicing-5fdd00e4805bfffb8f-5fbaee43593a7efda0",
        host: "invoicing.contoso.example",
        security: null,
      }),
    ]);
    expect(ofKind(records, "desktopFlow")[0]).toMatchObject({
      desktopFlowId: "9a000001-0000-4000-8000-000000000001",
      owner: { upn: "alex.maker@contoso.example" },
    });
    expect(ofKind(records, "connectionIdentity")[0]).toMatchObject({
      connectorId: "shared_sql",
      crossTenant: false,
    });
  });

  it("accepts Dataverse's display-name headers, ';', a BOM, CRLF and newlines inside quotes", async () => {
    const flows =
      "\uFEFF(Do Not Modify) Flow;Display Name;Flow Environment ID;Flow Creator UPN;Flow State\r\n" +
      'F0000001-0000-4000-8000-0000000000AA;"Approve\r\nexpenses; weekly";Default-7E1F2A3B-4C5D-4E6F-8A9B-0C1D2E3F4A5B;a@contoso.example;Suspended\r\n';
    const references =
      "\uFEFFFlow;Connector;Flow Connection Reference Source\r\nf0000001-0000-4000-8000-0000000000aa;shared_sql;Embedded\r\n";
    const { records, errors, unreadable } = await collect(
      parseCoeExport(minimal(flows, references, "Name;Display Name\r\nshared_sql;SQL Server\r\n")),
    );
    expect([...errors, ...unreadable]).toEqual([]);
    expect(ofKind(records, "flow")[0]).toMatchObject({
      flowId: "f0000001-0000-4000-8000-0000000000aa",
      displayName: "Approve\r\nexpenses; weekly",
      environmentId: "7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
      state: "SUSPENDED",
    });
    expect(ofKind(records, "connectionReference")[0]).toMatchObject({
      connectorId: "shared_sql",
      source: "EMBEDDED",
    });
  });

  it("reads UTF-16 LE files (Excel's Unicode text) and recognises tables by their headers", async () => {
    const flows = `${FLOW_HEADER.replaceAll(",", "\t")}\r\nf1\tPayroll\tenv-1\tp@contoso.example\tStarted\tNo\r\n`;
    const { records, unreadable } = await collect(
      parseCoeExport([
        upload("export-1.csv", utf16le(flows)),
        upload("export-2.csv", `admin_connectionreferenceid,${REFERENCES.trim()}\nx,f1,c1,invoker\n`),
        upload("export-3.csv", CONNECTORS),
      ]),
    );
    expect(unreadable).toEqual([]);
    expect(ofKind(records, "flow")[0]).toMatchObject({ flowId: "f1", displayName: "Payroll" });
    expect(ofKind(records, "connectionReference")[0]).toMatchObject({ connectorId: "shared_sql" });
  });

  it("names the missing columns of a file and reads nothing more", async () => {
    const { records, unreadable } = await collect(
      parseCoeExport(minimal("admin_flowid,admin_flowstate\nf1,Started\n")),
    );
    expect(records).toEqual([]);
    expect(unreadable).toEqual([
      {
        file: "admin_flow.csv",
        row: null,
        column: null,
        message:
          "admin_flow.csv (admin_flow) lacks the columns admin_displayname, admin_flowenvironmentid (or admin_flowenvironment).",
      },
    ]);
  });

  it("refuses an upload without the required tables, naming them", async () => {
    const { unreadable } = await collect(parseCoeExport([upload("admin_flow.csv", `${FLOW_HEADER}\n`)]));
    expect(unreadable[0]?.message).toBe(
      "A CoE export needs the tables admin_flow, admin_connectionreference, admin_connector; missing: admin_connectionreference, admin_connector.",
    );
  });

  it("says an Excel workbook, a JSON file or an unknown CSV is not a CoE table", async () => {
    const workbook = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    const cases = [
      {
        file: upload("admin_flow.csv", workbook),
        message: /admin_flow\.csv is a ZIP archive \(an Excel \.xlsx/,
      },
      { file: upload("admin_flow.csv", '[{"FlowName":"x"}]'), message: /is JSON, not CSV/ },
      { file: upload("people.csv", "name,age\nA,3\n"), message: /cannot tell which CoE table/ },
      {
        file: upload("admin_flow.csv", new Uint8Array([0x66, 0x6c, 0xff, 0xfe, 0xfd, 0x0a])),
        message: /not valid UTF-8/,
      },
      { file: upload("admin_flow.csv", ""), message: /is empty/ },
    ];
    for (const { file, message } of cases) {
      const { records, unreadable } = await collect(parseCoeExport([file]));
      expect(records).toEqual([]);
      expect(unreadable[0]?.message).toMatch(message);
    }
  });

  it("reports each bad row with its file, row and column, and goes on", async () => {
    const flows = `${FLOW_HEADER}\nf1,Payroll,env-1,,Started,No\nf1,Payroll again,env-1,,Started,No\nf2,Orphan env,,,Started,No\nf3,Ok,env-1,,Stopped,Yes\n`;
    const references = `${REFERENCES}f1,c1,invoker\nf9,c1,invoker\nf3,c404,embedded\n`;
    const { records, errors } = await collect(parseCoeExport(minimal(flows, references)));
    expect(ofKind(records, "flow").map((flow) => flow.flowId)).toEqual(["f1", "f3"]);
    expect(ofKind(records, "connectionReference")).toHaveLength(1);
    expect(errors).toEqual([
      {
        file: "admin_flow.csv",
        row: 3,
        column: "admin_flowid",
        message: "Flow f1 appears twice; the first row is kept.",
      },
      {
        file: "admin_flow.csv",
        row: 4,
        column: "admin_flowenvironmentid",
        message: "The flow's environment is empty.",
      },
      {
        file: "admin_connectionreference.csv",
        row: 3,
        column: "admin_flow",
        message: "Flow f9 is not in the upload's admin_flow file.",
      },
      {
        file: "admin_connectionreference.csv",
        row: 4,
        column: "admin_connector",
        message: "Connector c404 is not in the upload's admin_connector file.",
      },
    ]);
  });

  it("refuses a secret-looking display name per row, without repeating it", async () => {
    const secret = `${"sk_live_"}${"4eC39HqLyjWDarjtT1zdp7dc"}`;
    const { records, errors } = await collect(
      parseCoeExport(
        minimal(`${FLOW_HEADER}\nf1,Payroll ${secret},env-1,,Started,No\nf2,Fine,env-1,,Started,No\n`),
      ),
    );
    expect(ofKind(records, "flow").map((flow) => flow.flowId)).toEqual(["f2"]);
    expect(errors[0]).toMatchObject({ row: 2, column: "admin_displayname" });
    expect(errors[0]?.message).not.toContain(secret);
  });

  it("keeps a formula-like display name as text", async () => {
    const { records } = await collect(
      parseCoeExport(
        minimal(`${FLOW_HEADER}\nf1,"=HYPERLINK(""http://x.example"",""y"")",env-1,,Started,No\n`),
      ),
    );
    expect(ofKind(records, "flow")[0]?.displayName).toBe('=HYPERLINK("http://x.example","y")');
  });

  it("stops at a quote that is never closed, with the row", async () => {
    const { records, errors } = await collect(
      parseCoeExport(minimal(`${FLOW_HEADER}\nf1,Payroll,env-1,,Started,No\nf2,"Broken,env-1,,Started,No\n`)),
    );
    expect(ofKind(records, "flow")).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: "admin_flow.csv", row: 3, column: null });
    expect(errors[0]?.message).toMatch(/A quoted cell is never closed/);
  });
});

import { describe, expect, it } from "vitest";
import { parsePowerShellExport } from "./powershell";
import { collect, ofKind, sampleFiles, upload, utf16le } from "./testing/uploads";

const FLOW = (connectionReferences: unknown) => ({
  FlowName: "F0000001-0000-4000-8000-000000000009",
  Enabled: true,
  DisplayName: "Payroll",
  EnvironmentName: "Default-abc",
  CreatedTime: "/Date(1767225600000)/",
  Internal: {
    name: "F0000001-0000-4000-8000-000000000009",
    id: "/providers/Microsoft.ProcessSimple/environments/Default-abc/flows/F0000001-0000-4000-8000-000000000009",
    properties: { displayName: "Payroll", state: "Started", connectionReferences },
  },
});

describe("admin PowerShell JSON", () => {
  it("reads the shipped samples: UTF-16 flows (Windows PowerShell's Out-File) and UTF-8 connections", async () => {
    const { records, errors, unreadable } = await collect(parsePowerShellExport(sampleFiles("powershell")));
    expect([...errors, ...unreadable]).toEqual([]);
    const flows = ofKind(records, "flow");
    expect(flows.map((flow) => flow.displayName)).toEqual(["Invoice approval", "Nightly ledger export"]);
    expect(flows[0]).toMatchObject({
      environmentId: "7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
      state: "STARTED",
      owner: { objectId: "a1111111-1111-4111-8111-111111111111" },
    });
    expect(
      flows[0]?.connectionReferences?.map((reference) => [reference.connectorId, reference.source]),
    ).toEqual([
      ["shared_office365", "INVOKER"],
      ["shared_commondataserviceforapps", "EMBEDDED"],
      ["shared_contoso-20invoicing-5fdd00e4805bfffb8f-5fbaee43593a7efda0", "EMBEDDED"],
    ]);
    const connections = ofKind(records, "connection");
    expect(connections.find((connection) => connection.connectorId === "shared_sql")).toMatchObject({
      status: "CONNECTED",
      authType: "windowsAuthentication",
      gateway: { name: "gw-headquarters" },
    });
    expect(connections.find((connection) => connection.status === "ERROR")?.statusMessage).toBe(
      "Error: Unauthorized: The API key was rejected.",
    );
  });

  it("accepts connectionReferences as an array, one object instead of an array, and PowerShell 5 dates", async () => {
    const array = [
      {
        connectionName: "c1",
        id: "/providers/Microsoft.PowerApps/apis/shared_sql",
        source: "Invoker",
        apiDefinition: { properties: { isCustomApi: false } },
      },
    ];
    const { records, errors } = await collect(
      parsePowerShellExport([
        upload("one.json", utf16le(JSON.stringify(FLOW(array), null, 2).replaceAll("\n", "\r\n"))),
      ]),
    );
    expect(errors).toEqual([]);
    expect(ofKind(records, "flow")[0]).toMatchObject({
      flowId: "f0000001-0000-4000-8000-000000000009",
      environmentId: "abc",
      createdAt: "2026-01-01T00:00:00.000Z",
      connectionReferences: [
        { connectorId: "shared_sql", connectionName: "c1", source: "INVOKER", custom: false },
      ],
    });
  });

  it("reads a saved REST answer ({ value: [...] })", async () => {
    const { records } = await collect(
      parsePowerShellExport([
        upload("rest.json", JSON.stringify({ value: [FLOW({}).Internal], nextLink: null })),
      ]),
    );
    expect(ofKind(records, "flow")[0]).toMatchObject({ environmentId: "abc", connectionReferences: [] });
  });

  it("detects an export cut by ConvertTo-Json's default depth and says how to export again", async () => {
    const cut = [FLOW("@{shared_sql=; shared_office365=}")];
    const { records, unreadable } = await collect(
      parsePowerShellExport([upload("flows.json", JSON.stringify(cut))]),
    );
    expect(records).toEqual([]);
    expect(unreadable[0]?.message).toMatch(/flows\.json was exported without enough -Depth/);
    expect(unreadable[0]?.message).toMatch(
      /Get-AdminFlow \| ConvertTo-Json -Depth 10 \| Out-File flows\.json/,
    );
    const hashtable = [
      { ConnectionName: "c", ConnectorName: "shared_sql", Internal: "System.Collections.Hashtable" },
    ];
    const second = await collect(parsePowerShellExport([upload("c.json", JSON.stringify(hashtable))]));
    expect(second.unreadable[0]?.message).toMatch(/Get-AdminPowerAppConnection \| ConvertTo-Json -Depth 10/);
  });

  it("reports items it cannot use with their number, and goes on", async () => {
    const items = [FLOW({}), { Foo: 1 }, 42, { FlowName: "x" }, FLOW({})];
    const { records, errors } = await collect(
      parsePowerShellExport([upload("mixed.json", JSON.stringify(items))]),
    );
    expect(ofKind(records, "flow")).toHaveLength(2);
    expect(errors).toEqual([
      {
        file: "mixed.json",
        row: 2,
        column: null,
        message: "Neither a flow (Get-AdminFlow) nor a connection (Get-AdminPowerAppConnection).",
      },
      { file: "mixed.json", row: 3, column: null, message: "The item is not an object." },
      {
        file: "mixed.json",
        row: 4,
        column: null,
        message: "The flow has no environment (EnvironmentName or properties.environment.name).",
      },
    ]);
  });

  it("says a CSV, a binary or broken JSON is not a PowerShell export", async () => {
    const cases = [
      { file: upload("flows.json", "FlowName,DisplayName\nx,y\n"), message: /is CSV, not JSON/ },
      { file: upload("flows.json", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])), message: /ZIP archive/ },
      { file: upload("flows.json", "{ not json"), message: /is not valid JSON/ },
      { file: upload("flows.json", "   "), message: /is empty/ },
    ];
    for (const { file, message } of cases) {
      const { unreadable } = await collect(parsePowerShellExport([file]));
      expect(unreadable[0]?.message).toMatch(message);
    }
    const truncated = JSON.stringify([FLOW({}), FLOW({})]).slice(0, -40);
    const { records, errors } = await collect(parsePowerShellExport([upload("cut.json", truncated)]));
    expect(ofKind(records, "flow")).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: "cut.json", row: 2 });
  });
});

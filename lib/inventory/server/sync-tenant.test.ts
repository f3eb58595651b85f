import { afterEach, describe, expect, it, vi } from "vitest";
import type { InventoryRecord } from "../records";
import { type FakeTenant, startFakeTenant } from "../testing/fake-tenant";
import { type SyncOptions, syncTenant } from "./sync-tenant";

// The live sync against the fake tenant over HTTP: nothing of ours is mocked.

const SECRET = "fake-secret-for-tests";
let tenant: FakeTenant | undefined;

afterEach(async () => {
  await tenant?.stop();
  tenant = undefined;
});

function options(over: Partial<SyncOptions> = {}): SyncOptions {
  const url = tenant!.url;
  return {
    tokenUrl: `${url}/${tenant!.tenantId}/oauth2/v2.0/token`,
    clientId: "fake-client",
    clientSecretVariable: "PREFLIGHT_SYNC_SECRET",
    readSecret: (name) => (name === "PREFLIGHT_SYNC_SECRET" ? SECRET : undefined),
    bapUrl: url,
    flowUrl: url,
    powerAppsUrl: url,
    baseDelayMs: 5,
    ...over,
  };
}

async function run(over: Partial<SyncOptions> = {}) {
  const records: InventoryRecord[] = [];
  const stats = await syncTenant(options(over), (record) => {
    records.push(record);
  });
  return { records, stats };
}

describe("live sync", () => {
  it("reads every environment, flow (by id, with its references), connection, custom connector and desktop flow, across pages", async () => {
    tenant = await startFakeTenant({ environments: 3, flowsPerEnvironment: 23, pageSize: 5 });
    const { records, stats } = await run({ concurrency: 4 });
    const flows = records.filter((record) => record.kind === "flow");
    expect(stats.environments).toBe(3);
    expect(flows).toHaveLength(69);
    expect(new Set(flows.map((flow) => flow.flowId)).size).toBe(69);
    expect([...tenant.stats.flowReads.values()].every((reads) => reads === 1)).toBe(true);
    expect(flows.every((flow) => flow.kind === "flow" && (flow.connectionReferences?.length ?? 0) > 0)).toBe(
      true,
    );
    expect(
      records.filter((record) => record.kind === "environment").map((e) => e.kind === "environment" && e.id),
    ).toContain(tenant.tenantId);
    const connections = records.filter((record) => record.kind === "connection");
    expect(connections).toHaveLength(18);
    expect(connections).toContainEqual(
      expect.objectContaining({
        connectorId: "shared_sql",
        authType: "windowsAuthentication",
        gateway: expect.objectContaining({ name: "gw-headquarters" }),
      }),
    );
    expect(connections).toContainEqual(
      expect.objectContaining({ status: "ERROR", statusMessage: expect.stringContaining("Unauthorized") }),
    );
    expect(connections).toContainEqual(
      expect.objectContaining({ connectorId: "shared_uiflow", machineOrGroup: "mg-finance-bots" }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        kind: "customConnector",
        security: "API_KEY",
        host: "invoicing.contoso.example",
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        kind: "desktopFlow",
        owner: expect.objectContaining({ upn: "alex.maker@contoso.example" }),
      }),
    );
  });

  it("honours 429 Retry-After and retries 5xx, still reading every flow once", async () => {
    tenant = await startFakeTenant({ environments: 2, flowsPerEnvironment: 12, pageSize: 4 });
    tenant.faults = { throttleEvery: 7, retryAfterSeconds: 1, failEvery: 11, failStatus: 503 };
    const started = Date.now();
    const { records, stats } = await run();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(tenant.stats.throttled).toBeGreaterThan(0);
    expect(tenant.stats.failed).toBeGreaterThan(0);
    expect(stats.retries).toBe(tenant.stats.throttled + tenant.stats.failed);
    expect(records.filter((record) => record.kind === "flow")).toHaveLength(24);
    expect([...tenant.stats.flowReads.values()].every((reads) => reads === 1)).toBe(true);
  });

  it("keeps at most `concurrency` requests in flight, with slow answers", async () => {
    tenant = await startFakeTenant({ environments: 2, flowsPerEnvironment: 20 });
    tenant.faults = { delayMs: 30 };
    let inFlight = 0;
    let most = 0;
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (...args) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await realFetch(...args);
      } finally {
        inFlight -= 1;
      }
    });
    try {
      const { records } = await run({ concurrency: 3 });
      expect(records.filter((record) => record.kind === "flow")).toHaveLength(40);
    } finally {
      spy.mockRestore();
    }
    // The token request is outside the limit: at most one more.
    expect(most).toBeLessThanOrEqual(4);
  });

  it("gives up on a persistent failure with a clear error, and never repeats the secret", async () => {
    tenant = await startFakeTenant({ environments: 1, flowsPerEnvironment: 2 });
    tenant.faults = { failEvery: 1, failStatus: 500 };
    const logged = vi.spyOn(console, "error");
    await expect(run({ maxRetries: 2 })).rejects.toThrow(
      /GET \/providers\/Microsoft\.BusinessAppPlatform.* failed: HTTP 500/,
    );
    const wrong = run({ readSecret: () => "wrong-value-for-tests" });
    await expect(wrong).rejects.toThrow("Signing in as fake-client failed (invalid_client)");
    await wrong.catch((error: Error) =>
      expect(`${error.message}${error.stack}`).not.toContain("wrong-value-for-tests"),
    );
    await expect(run({ readSecret: () => undefined })).rejects.toThrow(
      "The client secret's variable PREFLIGHT_SYNC_SECRET is not set in the server's environment.",
    );
    expect(JSON.stringify(logged.mock.calls)).not.toContain(SECRET);
    logged.mockRestore();
  });
});

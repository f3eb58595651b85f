/**
 * The inventory benchmark (issue #14): a generated CoE Starter Kit export imported through the
 * same code as an upload (preview, then apply), the same files again (nothing to write), and a
 * live sync from the fake tenant with 5 % of its answers throttled.
 *
 *   DATABASE_URL=postgresql://…/preflight_bench_inventory npm run bench:inventory -- [--flows 100000] [--sync-flows 20000]
 *
 * Uses its own database (it is emptied of inventory rows first, and needs the migrations applied).
 * Prints the figures and writes bench/inventory-results.json; BENCHMARKS.md quotes them.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureServerCondition } from "../scripts/lib/server-condition";

ensureServerCondition();

const { values } = parseArgs({
  options: {
    flows: { type: "string", default: "100000" },
    "sync-flows": { type: "string", default: "20000" },
    "refs-per-flow": { type: "string", default: "3.6" },
  },
});
const FLOWS = Number(values.flows);
const SYNC_FLOWS = Number(values["sync-flows"]);
const REFS = Number(values["refs-per-flow"]);

const CONNECTORS = [
  "shared_office365",
  "shared_sharepointonline",
  "shared_commondataserviceforapps",
  "shared_teams",
  "shared_sql",
  "shared_uiflow",
  "shared_sendmail",
  "shared_excelonlinebusiness",
  "shared_contoso-20invoicing-5fdd00e4805bfffb8f-5fbaee43593a7efda0",
  "shared_approvals",
];

function guid(n: number, kind: number): string {
  const hex = (n * 2654435761 + kind * 40503).toString(16).padStart(12, "0").slice(-12);
  return `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${hex}`;
}

/** A CoE export of `flows` flows in 20 environments, ~REFS connection references each. */
function generateCoe(flows: number) {
  const environments = Array.from({ length: 20 }, (_, i) => guid(i, 1));
  const makers = Array.from({ length: Math.max(10, Math.round(flows / 50)) }, (_, i) => ({
    id: guid(i, 2),
    upn: `maker${i}@bench.example`,
  }));
  const lines = (header: string, rows: Iterable<string>) => [header, ...rows].join("\r\n");
  const connectorRows = CONNECTORS.map(
    (name, i) =>
      `${guid(i, 3)},${name},/providers/Microsoft.PowerApps/apis/${name},${name.replace("shared_", "")},${name.includes("contoso") ? "Yes" : "No"}`,
  );
  function* flowRows() {
    for (let i = 0; i < flows; i++) {
      const maker = makers[i % makers.length]!;
      yield `${guid(i, 4)},Flow ${i},${environments[i % environments.length]},${maker.id},${maker.upn},Maker ${i % makers.length},Started,No,${i % 97 === 0 ? "Yes" : "No"}`;
    }
  }
  function* referenceRows() {
    let n = 0;
    for (let i = 0; i < flows; i++) {
      const count = Math.floor(REFS) + (i % 10 < (REFS % 1) * 10 ? 1 : 0);
      for (let r = 0; r < count; r++)
        yield `${guid(n++, 5)},${guid(i, 4)},${guid((i + r) % CONNECTORS.length, 3)},${r % 2 ? "invoker" : "embedded"}`;
    }
  }
  const encode = (text: string) => new TextEncoder().encode(text);
  return [
    {
      name: "admin_environment.csv",
      content: encode(
        lines(
          "admin_environmentid,admin_environmentname,admin_displayname",
          environments.map((id, i) => `${id},${id},Environment ${i}`),
        ),
      ),
    },
    {
      name: "admin_maker.csv",
      content: encode(
        lines(
          "admin_makerid,admin_displayname,admin_userprincipalname",
          makers.map((m, i) => `${m.id},Maker ${i},${m.upn}`),
        ),
      ),
    },
    {
      name: "admin_connector.csv",
      content: encode(
        lines("admin_connectorid,admin_name,admin_id,admin_displayname,admin_iscustomapi", connectorRows),
      ),
    },
    {
      name: "admin_flow.csv",
      content: encode(
        lines(
          "admin_flowid,admin_displayname,admin_flowenvironmentid,admin_flowcreator,admin_flowcreatorupn,admin_flowmakerdisplayname,admin_flowstate,admin_flowdeleted,admin_containsplaintextpassword",
          flowRows(),
        ),
      ),
    },
    {
      name: "admin_connectionreference.csv",
      content: encode(
        lines(
          "admin_connectionreferenceid,admin_flow,admin_connector,admin_flow_connectionreferencesource",
          referenceRows(),
        ),
      ),
    },
  ];
}

async function main() {
  const { prisma, pool } = await import("../lib/db");
  const { loadCaller } = await import("../lib/auth/server/caller");
  const imports = await import("../lib/inventory/server/imports");
  const { startSync } = await import("../lib/inventory/server/sync-run");
  const { startFakeTenant } = await import("../lib/inventory/testing/fake-tenant");

  // The company: one department and an ADMIN to act as.
  const department = await prisma.department.upsert({
    where: { name: "Bench inventory" },
    create: { name: "Bench inventory" },
    update: {},
  });
  const admin = await prisma.user.upsert({
    where: { email: "bench-admin@bench.example" },
    create: {
      email: "bench-admin@bench.example",
      name: "Bench admin",
      roles: { create: { role: "ADMIN", source: "APP" } },
    },
    update: {},
  });
  const caller = (await loadCaller(admin.id, "token"))!;
  await pool().query("truncate inventory_imports, inventory_environments cascade");

  let peak = 0;
  const base = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss - base);
  }, 100);

  async function until(id: string, busy: (status: string) => boolean) {
    for (;;) {
      const view = await imports.getImport(caller, id);
      if (!busy(view.status)) return view;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const written = async () => {
    const { rows } = await pool().query<{ n: string }>(
      `select sum(n_tup_ins + n_tup_upd + n_tup_del)::text as n from pg_stat_user_tables
        where relname in ('automations', 'system_accesses', 'prerequisites', 'inventory_findings', 'users')`,
    );
    return Number(rows[0]!.n);
  };

  const results: Record<string, unknown> = { flows: FLOWS };
  const files = generateCoe(FLOWS);
  const bytes = files.reduce((total, file) => total + file.content.byteLength, 0);
  const references = Math.round(FLOWS * REFS);
  console.log(`CoE export: ${FLOWS} flows, ~${references} references, ${(bytes / 1e6).toFixed(1)} MB`);

  async function importOnce(label: string) {
    peak = 0;
    const before = await written();
    const started = performance.now();
    const created = await imports.createImport(caller, {
      source: "COE",
      files,
      defaultDepartmentId: department.id,
    });
    const preview = await until(created.id, (status) => status === "ANALYSING");
    const previewMs = performance.now() - started;
    const applied = await imports.applyImport(caller, preview.id);
    const done = await until(applied.id, (status) => status === "RUNNING");
    const totalMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // statistics are reported asynchronously
    const row = {
      previewSeconds: +(previewMs / 1000).toFixed(1),
      applySeconds: +((totalMs - previewMs) / 1000).toFixed(1),
      totalSeconds: +(totalMs / 1000).toFixed(1),
      peakMemoryMB: Math.round(peak / 1e6),
      counts: done.counts,
      status: done.status,
      rowsWritten: (await written()) - before,
    };
    console.log(label, JSON.stringify(row));
    results[label] = row;
  }

  await importOnce("import");
  await importOnce("reimport");

  // The live sync: 20 environments, 5 % of the tenant's answers throttled (429, Retry-After 0).
  const perEnvironment = Math.ceil(SYNC_FLOWS / 20);
  const tenant = await startFakeTenant({
    environments: 20,
    flowsPerEnvironment: perEnvironment,
    pageSize: 250,
    clientSecret: "bench-secret",
  });
  tenant.faults.throttleEvery = 20;
  tenant.faults.retryAfterSeconds = 0;
  Object.assign(process.env, {
    INVENTORY_SYNC_TOKEN_URL: `${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`,
    INVENTORY_SYNC_CLIENT_ID: "fake-client",
    INVENTORY_SYNC_CLIENT_SECRET_VARIABLE: "BENCH_SYNC_SECRET",
    BENCH_SYNC_SECRET: "bench-secret",
    INVENTORY_SYNC_BAP_URL: tenant.url,
    INVENTORY_SYNC_FLOW_URL: tenant.url,
    INVENTORY_SYNC_POWERAPPS_URL: tenant.url,
    INVENTORY_SYNC_CONCURRENCY: "16",
  });
  await prisma.inventoryEnvironment.createMany({
    data: tenant.data.environments.map((environment) => ({
      id: environment.name.replace(/^default-/i, "").toLowerCase(),
      departmentId: department.id,
    })),
    skipDuplicates: true,
  });
  peak = 0;
  const syncStarted = performance.now();
  const run = await startSync(caller, { dryRun: false });
  const synced = await until(run.id, (status) => status === "ANALYSING" || status === "RUNNING");
  const sync = {
    flows: perEnvironment * 20,
    seconds: +((performance.now() - syncStarted) / 1000).toFixed(1),
    requests: tenant.stats.requests,
    throttled: tenant.stats.throttled,
    everyFlowReadOnce: [...tenant.stats.flowReads.values()].every((reads) => reads === 1),
    status: synced.status,
    counts: synced.counts,
    peakMemoryMB: Math.round(peak / 1e6),
  };
  console.log("sync", JSON.stringify(sync));
  results.sync = sync;
  await tenant.stop();
  clearInterval(sampler);
  writeFileSync(path.join(__dirname, "inventory-results.json"), `${JSON.stringify(results, null, 2)}\n`);
  await prisma.$disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

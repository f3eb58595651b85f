/**
 * Inventory imports from the command line, for operators and scheduled scripts:
 *
 *   npm run import -- --source COE admin_flow.csv admin_connectionreference.csv … [--dry-run]
 *                     [--default-department Finance] [--as it@example.com]
 *   npm run sync -- [--dry-run] [--as it@example.com]
 *
 * Both preview first (counts and the first errors), then apply unless --dry-run, with a
 * progress bar on the terminal. They act as the person given by --as (an IT approver or
 * administrator; default: the first active administrator), who is named in the audit trail.
 * Needs DATABASE_URL; the sync also needs the INVENTORY_SYNC_* variables (docs/inventory/sync.md).
 * Exit codes: 0 done, 1 error (a refused upload, a failed run), 2 usage.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import type { ImportView } from "../lib/inventory/contract";
import { ensureServerCondition } from "./lib/server-condition";

const USAGE = `Usage:
  npm run import -- --source <COE|POWERSHELL|PREFLIGHT_CSV> <file>… [--dry-run] [--default-department <name>] [--as <email>]
  npm run sync -- [--dry-run] [--as <email>]`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      source: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "default-department": { type: "string" },
      as: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...files] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (command !== "import" && command !== "sync") throw new UsageError(USAGE);
  if (!process.env.DATABASE_URL)
    throw new Error("DATABASE_URL is not set: point it at the portal's database (postgresql://…).");

  const { prisma } = await import("../lib/db");
  const { loadCaller } = await import("../lib/auth/server/caller");
  const { can } = await import("../lib/auth/permissions");
  const imports = await import("../lib/inventory/server/imports");
  const { startSync } = await import("../lib/inventory/server/sync-run");
  const { UPLOAD_SOURCES } = await import("../lib/inventory/contract");

  const person = values.as
    ? await prisma.user.findUnique({ where: { email: values.as.trim().toLowerCase() }, select: { id: true } })
    : await prisma.user.findFirst({
        where: { active: true, roles: { some: { role: "ADMIN" } } },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      });
  const caller = person ? await loadCaller(person.id, "token") : null;
  if (!caller || !can(caller, "inventory:import"))
    throw new Error(
      values.as
        ? `${values.as} is not an active IT approver or administrator.`
        : "No active administrator to act as: give --as <email>.",
    );

  let view: ImportView;
  if (command === "sync") {
    view = await startSync(caller, { dryRun: values["dry-run"] });
  } else {
    const source = values.source?.toUpperCase();
    if (!source || !(UPLOAD_SOURCES as readonly string[]).includes(source))
      throw new UsageError(`--source must be one of ${UPLOAD_SOURCES.join(", ")}.\n\n${USAGE}`);
    if (files.length === 0) throw new UsageError(`Give the files to import.\n\n${USAGE}`);
    let defaultDepartmentId: string | null = null;
    if (values["default-department"]) {
      const department = await prisma.department.findFirst({
        where: { name: { equals: values["default-department"], mode: "insensitive" } },
        select: { id: true },
      });
      if (!department) throw new Error(`No department named ${values["default-department"]}.`);
      defaultDepartmentId = department.id;
    }
    const uploads = await Promise.all(
      files.map(async (file) => ({
        name: path.basename(file),
        content: new Uint8Array(await readFile(file)),
      })),
    );
    view = await imports.createImport(caller, {
      source: source as (typeof UPLOAD_SOURCES)[number],
      files: uploads,
      defaultDepartmentId,
    });
  }

  view = await follow(view.id, "Reading", (current) => current.status === "ANALYSING");
  if (view.status === "FAILED") throw new Error(view.failure ?? "The run failed.");
  printPreview(view);
  if (view.status === "PREVIEW") {
    if (values["dry-run"]) {
      console.log(`Dry run: nothing applied. Apply it later on the import page (import ${view.id}).`);
      return 0;
    }
    if (view.counts.withoutDepartment > 0)
      throw new Error(
        `${view.counts.withoutDepartment} new flow(s) have no department: map their environments on the import page or give --default-department.`,
      );
    view = await imports.applyImport(caller, view.id);
  }
  view = await follow(view.id, "Applying", (current) => current.status === "RUNNING");
  if (view.status !== "DONE")
    throw new Error(view.failure ?? `The import ended ${view.status.toLowerCase()}.`);
  console.log(`Applied: ${view.progress.done} flow(s) written; ${view.counts.unchanged} unchanged.`);
  return 0;

  /** Polls the import while `busy`, with a progress bar of progress.done / progress.total. */
  async function follow(id: string, label: string, busy: (view: ImportView) => boolean): Promise<ImportView> {
    const bar = new SingleBar({
      format: `${label} [{bar}] {value}/{total} flows`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    });
    let current = await imports.getImport(caller!, id);
    if (!busy(current)) return current;
    bar.start(Math.max(current.progress.total, 1), current.progress.done);
    while (busy(current)) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      current = await imports.getImport(caller!, id);
      bar.setTotal(Math.max(current.progress.total, current.progress.done, 1));
      bar.update(current.progress.done);
    }
    bar.stop();
    return current;
  }
}

function printPreview(view: ImportView): void {
  const { counts } = view;
  console.log(
    `Preview: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.missing} not seen any more, ${counts.errors} error(s), ${counts.withoutDepartment} without a department.`,
  );
  for (const error of view.errors.slice(0, 20))
    console.log(
      `  ${error.file}${error.row ? `:${error.row}` : ""}${error.column ? ` [${error.column}]` : ""}: ${error.message}`,
    );
  if (counts.errors > 20) console.log(`  … and ${counts.errors - 20} more (see the import page).`);
}

ensureServerCondition();
main(process.argv.slice(2)).then(
  async (code) => {
    const { prisma } = await import("../lib/db");
    await prisma.$disconnect().catch(() => undefined);
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);

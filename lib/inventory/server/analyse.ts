import "server-only";
import { pool, prisma } from "@/lib/db";
import type { ImportSource } from "@/lib/generated/prisma/enums";
import { parseCoeExport, type UploadedFile } from "@/lib/inventory/coe";
import { assemblePlans, type FlowPlan, KEPT_ERRORS, planHash } from "@/lib/inventory/plan";
import { parsePowerShellExport } from "@/lib/inventory/powershell";
import type { ImportError, ParseEvent } from "@/lib/inventory/records";
import { parsePreflightTemplate } from "@/lib/inventory/template";

// The preview: an import's files are parsed, assembled into one plan per flow and compared with
// the automations — new, changed, unchanged, gone from the source — and the plans are staged for
// the apply job. Nothing outside the import's own rows is written.

export interface ImportCounts {
  new: number;
  changed: number;
  unchanged: number;
  missing: number;
  errors: number;
  /** New flows that would have no department: applying is refused until they do. */
  withoutDepartment: number;
}

export interface FlowRef {
  environmentId: string;
  flowId: string;
  name: string;
}

export const PARSERS: Record<
  Exclude<ImportSource, "LIVE_SYNC">,
  (files: readonly UploadedFile[]) => AsyncIterable<ParseEvent>
> = {
  PREFLIGHT_CSV: parsePreflightTemplate,
  COE: parseCoeExport,
  POWERSHELL: parsePowerShellExport,
};

const STAGE_BATCH = 1000;

export class UnreadableImportError extends Error {
  constructor(readonly error: ImportError) {
    super(error.message);
    this.name = "UnreadableImportError";
  }
}

/** The import's files, read from the database one at a time as the parser asks for them. */
async function storedFiles(importId: string): Promise<UploadedFile[]> {
  const files = await prisma.inventoryImportFile.findMany({
    where: { importId },
    select: { id: true, name: true },
    orderBy: { position: "asc" },
  });
  return files.map(({ id, name }) => ({
    file: name,
    open: async function* () {
      // Read with pg itself: a file of tens of megabytes is one bytea value.
      const { rows } = await pool().query<{ content: Buffer }>(
        "select content from inventory_import_files where id = $1::uuid",
        [id],
      );
      // Handed over in slices, as a stream would, so that the decoders see chunk boundaries.
      const bytes = rows[0]!.content;
      for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
    },
  }));
}

/**
 * Parses and stages an import, then sets it to PREVIEW with its counts. Throws
 * UnreadableImportError (and marks the import FAILED) when a file cannot be used at all.
 */
export async function analyseImport(importId: string): Promise<void> {
  const found = await prisma.inventoryImport.findUniqueOrThrow({
    where: { id: importId },
    select: { source: true, status: true },
  });
  if (found.status !== "ANALYSING" || found.source === "LIVE_SYNC") return;
  const files = await storedFiles(importId);
  const assembled = await assemblePlans(PARSERS[found.source](files));
  if (assembled.unreadable) {
    await prisma.inventoryImport.update({
      where: { id: importId },
      data: {
        status: "FAILED",
        failure: assembled.unreadable.message,
        errors: [assembled.unreadable] as object[],
        finishedAt: new Date(),
      },
    });
    throw new UnreadableImportError(assembled.unreadable);
  }
  await stagePlans(importId, assembled.plans, {
    errors: assembled.errors,
    errorCount: assembled.errorCount,
    environments: assembled.environments,
  });
}

/**
 * Stages plans (any source, the live sync included) and sets the import to PREVIEW — or, with
 * `applyNext` (a sync that is not a dry run), straight to RUNNING in the same transaction, unless
 * new flows would have no department: then it stays a preview that says so.
 */
export async function stagePlans(
  importId: string,
  plans: readonly FlowPlan[],
  extra: {
    errors: readonly ImportError[];
    errorCount: number;
    environments: ReadonlyArray<{ id: string; displayName: string | null }>;
    applyNext?: boolean;
  },
): Promise<"PREVIEW" | "RUNNING"> {
  return prisma.$transaction(
    async (tx) => {
      await tx.inventoryStagedFlow.deleteMany({ where: { importId } });
      // The outcome join below looks each flow up in automations: with statistics from before a
      // large import it would scan the table once per flow.
      await tx.$executeRawUnsafe("analyze automations");
      for (const environment of extra.environments)
        await tx.inventoryEnvironment.upsert({
          where: { id: environment.id },
          create: { id: environment.id, displayName: environment.displayName },
          update: environment.displayName ? { displayName: environment.displayName } : {},
        });
      const seen = [...new Set(plans.map((plan) => plan.environmentId))];
      await tx.$executeRaw`insert into inventory_environments (id, "updatedAt")
                           select unnest(${seen}::text[]), now() on conflict do nothing`;
      for (let at = 0; at < plans.length; at += STAGE_BATCH) {
        const batch = plans.slice(at, at + STAGE_BATCH);
        await tx.$executeRawUnsafe(
          `insert into inventory_staged_flows ("importId", "environmentId", "flowId", outcome, plan, hash)
           select $1::uuid, s.environment, s.flow, coalesce(
                    case when a.id is null then 'NEW'
                         when a."inventoryHash" = s.hash and a."notSeenSince" is null then 'UNCHANGED'
                         else 'CHANGED' end, 'NEW'),
                  s.plan, s.hash
             from unnest($2::text[], $3::text[], $4::jsonb[], $5::text[]) as s(environment, flow, plan, hash)
             left join automations a on a."environmentId" = s.environment and a."externalId" = s.flow
           on conflict do nothing`,
          importId,
          batch.map((plan) => plan.environmentId),
          batch.map((plan) => plan.flowId),
          batch.map((plan) => JSON.stringify(plan)),
          batch.map(planHash),
        );
      }
      // Fresh statistics, so that the counts below are planned for the rows just staged.
      await tx.$executeRawUnsafe("analyze inventory_staged_flows");
      const counts = await countOutcomes(tx, importId);
      const running = extra.applyNext === true && counts.withoutDepartment === 0;
      await tx.inventoryImport.update({
        where: { id: importId },
        data: {
          status: running ? "RUNNING" : "PREVIEW",
          counts: { ...counts, errors: extra.errorCount },
          errors: extra.errors.slice(0, KEPT_ERRORS) as unknown as object[],
          progressDone: 0,
          progressTotal: running ? counts.new + counts.changed : 0,
          failure:
            extra.applyNext && !running
              ? `${counts.withoutDepartment} new flow(s) have no department: map their environments to departments, then apply this run.`
              : null,
        },
      });
      return running ? ("RUNNING" as const) : ("PREVIEW" as const);
    },
    { timeout: 10 * 60_000, maxWait: 10_000 },
  );
}

type Reader = Pick<typeof prisma, "$queryRawUnsafe">;

/** new / changed / unchanged / missing / withoutDepartment of a staged import, as of now. */
export async function countOutcomes(tx: Reader, importId: string): Promise<Omit<ImportCounts, "errors">> {
  const [row] = await tx.$queryRawUnsafe<
    Array<{ new: number; changed: number; unchanged: number; missing: number; without: number }>
  >(
    `with staged as (select * from inventory_staged_flows where "importId" = $1::uuid)
     select (select count(*) from staged where outcome = 'NEW')::int as new,
            (select count(*) from staged where outcome = 'CHANGED')::int as changed,
            (select count(*) from staged where outcome = 'UNCHANGED')::int as unchanged,
            (select count(*) from automations a
              where a."environmentId" in (select distinct "environmentId" from staged)
                and a."notSeenSince" is null and a."retiredAt" is null
                and not exists (select 1 from staged s where s."environmentId" = a."environmentId"
                                                        and s."flowId" = a."externalId"))::int as missing,
            (${WITHOUT_DEPARTMENT_SQL.replace("select s.*", "select count(*)")})::int as without`,
    importId,
  );
  return {
    new: row!.new,
    changed: row!.changed,
    unchanged: row!.unchanged,
    missing: row!.missing,
    withoutDepartment: row!.without,
  };
}

/**
 * New flows with no department to go to: no owner with a department here, no department
 * mapped to their environment and no default on the import.
 */
const WITHOUT_DEPARTMENT_SQL = `
  select s.* from inventory_staged_flows s
    join inventory_imports i on i.id = s."importId"
    left join inventory_environments e on e.id = s."environmentId"
   where s."importId" = $1::uuid and s.outcome = 'NEW' and not s.applied
     and i."defaultDepartmentId" is null and e."departmentId" is null
     and not exists (
       select 1 from users u
        where u.active and u."departmentId" is not null
          and (u."entraObjectId" = lower(s.plan->'owner'->>'objectId')
               or u.email = lower(s.plan->'owner'->>'upn')
               or u.email = lower(s.plan->'owner'->>'email')))`;

/** How many new flows would have no department, as the mappings are now. */
export async function countWithoutDepartment(importId: string): Promise<number> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ count: number }>>(
    `select count(*)::int as count from (${WITHOUT_DEPARTMENT_SQL}) x`,
    importId,
  );
  return row?.count ?? 0;
}

/** Up to `limit` new flows that would have no department. */
export async function flowsWithoutDepartment(importId: string, limit = 50): Promise<FlowRef[]> {
  return prisma.$queryRawUnsafe<FlowRef[]>(
    `select x."environmentId", x."flowId", x.plan->>'name' as name
       from (${WITHOUT_DEPARTMENT_SQL}) x order by x."environmentId", x."flowId" limit ${Number(limit)}`,
    importId,
  );
}

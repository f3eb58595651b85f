import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";
import type { ImportSource } from "@/lib/generated/prisma/enums";
import { decodeTimeCursor, encodeCursor, isUuid } from "@/lib/http/cursor";
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from "@/lib/http/errors";
import type { ImportView } from "@/lib/inventory/contract";
import {
  analyseImport,
  countWithoutDepartment,
  flowsWithoutDepartment,
  UnreadableImportError,
} from "@/lib/inventory/server/analyse";
import { enqueueImportJob } from "@/lib/inventory/server/import-jobs";
import { inPgTransaction } from "@/lib/transaction";

// An import's life: uploaded (its files kept in Postgres), analysed into a preview, applied by
// a job with progress, or cancelled. Only ADMIN and IT_APPROVER import; the results are read
// by everyone through the automations, within their usual scope.

/** The largest upload, all files together. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** Uploads up to this size are previewed in the request; larger ones by a job (ANALYSING). */
export const INLINE_PREVIEW_BYTES = 8 * 1024 * 1024;
export const MAX_FILES = 10;

export interface NewUpload {
  source: Exclude<ImportSource, "LIVE_SYNC">;
  files: Array<{ name: string; content: Uint8Array }>;
  defaultDepartmentId: string | null;
}

function assertCanImport(caller: Caller): void {
  if (!can(caller, "inventory:import")) throw forbidden();
}

/** Keeps the upload and previews it (or queues the preview when it is large). */
export async function createImport(caller: Caller, upload: NewUpload): Promise<ImportView> {
  assertCanImport(caller);
  if (upload.files.length === 0)
    throw badRequest("Attach at least one file in a part named file.", { file: "Required." });
  if (upload.files.length > MAX_FILES)
    throw badRequest(`Attach at most ${MAX_FILES} files.`, { file: `At most ${MAX_FILES} files.` });
  const size = upload.files.reduce((total, file) => total + file.content.byteLength, 0);
  if (size > MAX_UPLOAD_BYTES)
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The files are larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB together.`,
    );
  if (upload.defaultDepartmentId) {
    const department = isUuid(upload.defaultDepartmentId)
      ? await prisma.department.findUnique({
          where: { id: upload.defaultDepartmentId },
          select: { id: true },
        })
      : null;
    if (!department)
      throw unprocessable("defaultDepartmentId is not a department.", {
        defaultDepartmentId: "Choose one of the departments.",
      });
  }
  // On a pg client of its own: files of tens of megabytes are parameters of plain INSERTs here
  // (through Prisma's nested create a 60 MB upload came back without its row).
  const created = await inPgTransaction(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into inventory_imports (source, "createdById", "defaultDepartmentId", "updatedAt")
       values ($1::"ImportSource", $2::uuid, $3::uuid, now()) returning id`,
      [upload.source, caller.id, upload.defaultDepartmentId],
    );
    const row = rows[0]!;
    for (const [position, file] of upload.files.entries())
      await client.query(
        `insert into inventory_import_files ("importId", position, name, content) values ($1::uuid, $2, $3, $4)`,
        [
          row.id,
          position,
          file.name,
          Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength),
        ],
      );
    await recordAudit(client, {
      actor: callerActor(caller),
      action: "inventory.import.uploaded",
      entityType: "InventoryImport",
      entityId: row.id,
      after: { source: upload.source, files: upload.files.map((file) => file.name), bytes: size },
    });
    return row;
  });
  if (size > INLINE_PREVIEW_BYTES) {
    await enqueueImportJob({ importId: created.id, step: "analyse" });
  } else {
    try {
      await analyseImport(created.id);
    } catch (error) {
      if (error instanceof UnreadableImportError) {
        // A file that cannot be read at all is the upload's error, not an import to keep.
        await prisma.inventoryImport.delete({ where: { id: created.id } });
        throw badRequest(error.error.message, { [`file:${error.error.file}`]: error.error.message });
      }
      throw error;
    }
  }
  return (await readImport(caller, created.id))!;
}

const importSelect = {
  id: true,
  source: true,
  status: true,
  counts: true,
  errors: true,
  progressDone: true,
  progressTotal: true,
  failure: true,
  createdAt: true,
  finishedAt: true,
  defaultDepartmentId: true,
  createdBy: { select: { id: true, name: true, email: true } },
  files: { select: { name: true }, orderBy: { position: "asc" } },
} as const;

type ImportRow = Awaited<ReturnType<typeof loadRow>>;

function loadRow(id: string) {
  return prisma.inventoryImport.findUnique({ where: { id }, select: importSelect });
}

function toView(row: NonNullable<ImportRow>, withoutDepartment: ImportView["withoutDepartment"]): ImportView {
  const counts = row.counts as Partial<ImportView["counts"]>;
  return {
    id: row.id,
    source: row.source,
    status: row.status,
    counts: {
      new: counts.new ?? 0,
      changed: counts.changed ?? 0,
      unchanged: counts.unchanged ?? 0,
      missing: counts.missing ?? 0,
      errors: counts.errors ?? 0,
      withoutDepartment: counts.withoutDepartment ?? 0,
    },
    errors: row.errors as ImportView["errors"],
    withoutDepartment,
    progress: { done: row.progressDone, total: row.progressTotal },
    failure: row.failure,
    files: row.files.map((file) => file.name),
    defaultDepartmentId: row.defaultDepartmentId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function readImport(caller: Caller, id: string): Promise<ImportView | null> {
  assertCanImport(caller);
  if (!isUuid(id)) return null;
  const row = await loadRow(id);
  if (!row) return null;
  if (row.status !== "PREVIEW") return toView(row, []);
  // Mappings may have changed since the preview was made: what is missing is read as it is now.
  const [without, withoutCount] = await Promise.all([flowsWithoutDepartment(id), countWithoutDepartment(id)]);
  const view = toView(row, without);
  return { ...view, counts: { ...view.counts, withoutDepartment: withoutCount } };
}

export async function getImport(caller: Caller, id: string): Promise<ImportView> {
  const view = await readImport(caller, id);
  if (!view) throw notFound("Import");
  return view;
}

export async function listImports(
  caller: Caller,
  page: { limit: number; cursor?: string },
  filter: { source?: ImportSource } = {},
): Promise<{ items: ImportView[]; nextCursor: string | null }> {
  assertCanImport(caller);
  const after = page.cursor ? decodeTimeCursor(page.cursor) : null;
  const rows = await prisma.inventoryImport.findMany({
    where: {
      ...filter,
      ...(after
        ? {
            OR: [
              { createdAt: { lt: after.createdAt } },
              { createdAt: after.createdAt, id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    select: importSelect,
  });
  const items = rows.slice(0, page.limit).map((row) => toView(row, []));
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return { items, nextCursor: last ? encodeCursor(last.createdAt.toISOString(), last.id) : null };
}

/**
 * Starts applying a previewed import: refused while new flows would have no department (the
 * answer lists them), or when the import is not a preview.
 */
export async function applyImport(caller: Caller, id: string): Promise<ImportView> {
  const view = await getImport(caller, id);
  if (view.status !== "PREVIEW")
    throw conflict(`This import is ${view.status.toLowerCase()}: only a preview can be applied.`, {
      current: view,
    });
  if (view.withoutDepartment.length > 0)
    throw unprocessable(
      `${view.withoutDepartment.length === 50 ? "At least 50" : view.withoutDepartment.length} new flow(s) would have no department: map their environments to departments or choose a default department, then apply.`,
      {
        defaultDepartmentId:
          "Choose a default department, or map the environments listed in withoutDepartment.",
      },
    );
  const started = await prisma.$transaction(async (tx) => {
    const total = await tx.inventoryStagedFlow.count({
      where: { importId: id, outcome: { not: "UNCHANGED" } },
    });
    const { count } = await tx.inventoryImport.updateMany({
      where: { id, status: "PREVIEW" },
      data: { status: "RUNNING", progressTotal: total, progressDone: 0, failure: null },
    });
    if (count === 0) return false;
    await recordAudit(tx, {
      actor: callerActor(caller),
      action: "inventory.import.started",
      entityType: "InventoryImport",
      entityId: id,
      after: { total },
    });
    return true;
  });
  if (!started) throw conflict("Someone else started or cancelled this import meanwhile.", { current: view });
  await enqueueImportJob({ importId: id, step: "apply" });
  return getImport(caller, id);
}

/** Cancels a preview or a running apply; batches already applied stay applied. */
export async function cancelImport(caller: Caller, id: string): Promise<ImportView> {
  const view = await getImport(caller, id);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.inventoryImport.updateMany({
      where: { id, status: { in: ["ANALYSING", "PREVIEW", "RUNNING"] } },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
    if (count === 0)
      throw conflict(`This import is ${view.status.toLowerCase()}: it can no longer be cancelled.`, {
        current: view,
      });
    await recordAudit(tx, {
      actor: callerActor(caller),
      action: "inventory.import.cancelled",
      entityType: "InventoryImport",
      entityId: id,
      before: { status: view.status },
      after: { status: "CANCELLED", progress: view.progress },
    });
  });
  return getImport(caller, id);
}

import "server-only";
import { stringify } from "csv-stringify/sync";
import type { TAuditFilters } from "@/lib/audit/schemas";
import {
  AUDIT_ORDER,
  type AuditRow,
  auditAfter,
  auditSelect,
  auditWhere,
} from "@/lib/audit/server/list-audit-events";
import { prisma } from "@/lib/db";
import { csvDownloadHeaders } from "@/lib/export/server/csv";
import { maskJson } from "@/lib/secrets/mask";

// The audit trail as CSV, streamed: rows are read in batches by keyset and each batch is
// written out before the next is read, so a export of millions of events holds one batch in
// memory, and the download starts at once. A filter that matches nothing gives the header row.

export const EXPORT_BATCH = 1000;

const COLUMNS = [
  "id",
  "createdAt",
  "actorId",
  "actorLabel",
  "action",
  "entityType",
  "entityId",
  "before",
  "after",
] as const;

export function auditCsvResponse({ filters, now = new Date() }: { filters: TAuditFilters; now?: Date }) {
  const where = auditWhere(filters);
  let after: bigint | null = null;
  let done = false;
  const encoder = new TextEncoder();

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([[...COLUMNS]])));
    },
    // Called when the client is ready for more: one batch per pull, so a slow download
    // slows the reads down instead of piling rows up in memory.
    async pull(controller) {
      if (done) return;
      const rows: AuditRow[] = await prisma.auditEvent.findMany({
        where: { AND: [where, auditAfter(after)] },
        orderBy: AUDIT_ORDER,
        take: EXPORT_BATCH,
        select: auditSelect,
      });
      if (rows.length > 0) controller.enqueue(encoder.encode(stringify(rows.map(toCsvRecord))));
      const last = rows[rows.length - 1];
      if (rows.length < EXPORT_BATCH || !last) {
        done = true;
        controller.close();
        return;
      }
      after = last.id;
    },
  });

  const stamp = now.toISOString().slice(0, 19).replaceAll(":", "-");
  return new Response(body, { status: 200, headers: csvDownloadHeaders(`preflight-audit-${stamp}.csv`) });
}

function toCsvRecord(row: AuditRow): string[] {
  return [
    row.id.toString(),
    row.createdAt.toISOString(),
    row.actorId ?? "",
    neutralise(row.actorLabel),
    neutralise(row.action),
    neutralise(row.entityType),
    neutralise(row.entityId),
    // Masked as on the audit page: values that fail the secret rules never reach the file.
    row.before === null ? "" : JSON.stringify(maskJson(row.before)),
    row.after === null ? "" : JSON.stringify(maskJson(row.after)),
  ];
}

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula; an automation or person
 * named "=HYPERLINK(…)" must reach the auditor as text (OWASP's CSV injection advice).
 */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

import "server-only";
import type { CsvColumn } from "@/lib/export/server/csv";

// One prerequisite in the drill-down list, and the columns of its CSV export. No I/O.

export interface PrerequisiteRow {
  id: string;
  key: string;
  type: string;
  status: string;
  reason: string;
  satisfiedBy: string | null;
  connectorId: string | null;
  updatedAt: Date;
  automationId: string;
  automationName: string;
  automationStatus: string;
  departmentId: string;
  departmentName: string;
  systemId: string | null;
  systemName: string | null;
  service: string | null;
}

export function toPrerequisiteItem(row: PrerequisiteRow) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    reason: row.reason,
    satisfiedBy: row.satisfiedBy,
    connectorId: row.connectorId,
    updatedAt: row.updatedAt,
    automation: { id: row.automationId, name: row.automationName, status: row.automationStatus },
    department: { id: row.departmentId, name: row.departmentName },
    system: row.systemId ? { id: row.systemId, name: row.systemName ?? "", service: row.service } : null,
  };
}

export type PrerequisiteItem = ReturnType<typeof toPrerequisiteItem>;

/** The export's columns, as SQL over the list's FROM (p, a, d, s). */
export const PREREQUISITE_CSV_COLUMNS: ReadonlyArray<CsvColumn> = [
  { header: "Automation", sql: "a.name" },
  { header: "Automation status", sql: "a.status" },
  { header: "Department", sql: "d.name" },
  { header: "Type", sql: "p.type" },
  { header: "Status", sql: "p.status" },
  { header: "System", sql: "s.name" },
  { header: "Service", sql: "s.service" },
  { header: "Satisfied by", sql: 'p."satisfiedBy"' },
  { header: "Reason", sql: "p.reason" },
  { header: "Updated at", sql: 'p."updatedAt"', kind: "timestamp" },
  { header: "Automation id", sql: "a.id" },
  { header: "Prerequisite id", sql: "p.id" },
];

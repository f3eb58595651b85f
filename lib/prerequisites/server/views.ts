import "server-only";
import {
  AUTOMATION_STATUS_BADGES,
  BASIS_LABELS,
  LAPSE_BADGES,
  PREREQUISITE_STATUS_BADGES,
  PREREQUISITE_TYPE_LABELS,
} from "@/lib/automations/labels";
import { LAPSE_SQL, lapseOf } from "@/lib/domain/lapse";
import type {
  AssuranceBasis,
  ConnectorStatus,
  CredentialStore,
  GatewayStatus,
  PrerequisiteStatus,
  PrerequisiteType,
} from "@/lib/domain/types";
import { badgeLabels, type CsvColumn, labelSql } from "@/lib/export/server/csv";
import type { PersonRef } from "@/lib/openapi/common";
import { maskIfSecret } from "@/lib/secrets/mask";

// One prerequisite in the drill-down list, and the columns of its CSV export. No I/O.

export interface PrerequisiteRow {
  id: string;
  key: string;
  type: PrerequisiteType;
  status: PrerequisiteStatus;
  reason: string;
  satisfiedBy: string | null;
  connectorId: string | null;
  updatedAt: Date;
  basis: AssuranceBasis | null;
  basisBy: PersonRef | null;
  basisAt: Date | null;
  automationId: string;
  automationName: string;
  automationStatus: string;
  departmentId: string;
  departmentName: string;
  systemId: string | null;
  systemName: string | null;
  service: string | null;
  /** Its system's credential, which reason and satisfiedBy may quote. */
  credentialStore: CredentialStore | null;
  credentialName: string | null;
  /** The catalog records it points at, which say why an EXPIRED one lapsed. */
  gatewayStatus: GatewayStatus | null;
  connectorStatus: ConnectorStatus | null;
}

export function toPrerequisiteItem(row: PrerequisiteRow) {
  // Text written before the secret rules existed, or quoting a reference that fails them, is masked.
  const mentions = [
    row.credentialStore && row.credentialName
      ? { store: row.credentialStore, name: row.credentialName }
      : null,
  ];
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    lapse: lapseOf(row),
    reason: maskIfSecret(row.reason, { mentions }),
    satisfiedBy: maskIfSecret(row.satisfiedBy, { mentions }),
    connectorId: row.connectorId,
    basis: row.basis,
    basisBy: row.basisBy,
    basisAt: row.basisAt,
    updatedAt: row.updatedAt,
    automation: {
      id: row.automationId,
      name: maskIfSecret(row.automationName),
      status: row.automationStatus,
    },
    department: { id: row.departmentId, name: maskIfSecret(row.departmentName) },
    system: row.systemId
      ? { id: row.systemId, name: maskIfSecret(row.systemName ?? ""), service: row.service }
      : null,
  };
}

export type PrerequisiteItem = ReturnType<typeof toPrerequisiteItem>;

/** The texts of a prerequisite may quote its system's credential reference (masked when it fails). */
const CREDENTIAL_MENTIONS = { mentions: { storeSql: 's."credentialStore"', nameSql: 's."credentialName"' } };

/** The export's columns, as SQL over the list's FROM (p, a, d, s, bu, g, c). */
export const PREREQUISITE_CSV_COLUMNS: ReadonlyArray<CsvColumn> = [
  { header: "Automation", sql: "a.name", mask: true },
  { header: "Automation status", sql: labelSql("a.status", badgeLabels(AUTOMATION_STATUS_BADGES)) },
  { header: "Department", sql: "d.name", mask: true },
  { header: "Type", sql: labelSql("p.type", PREREQUISITE_TYPE_LABELS) },
  // The badge the page shows: why it lapsed (from the catalog) when it did, else its status.
  {
    header: "Status",
    sql: `coalesce(${labelSql(LAPSE_SQL, badgeLabels(LAPSE_BADGES))}, ${labelSql("p.status", badgeLabels(PREREQUISITE_STATUS_BADGES))})`,
  },
  { header: "System", sql: "s.name", mask: true },
  { header: "Service", sql: "s.service" },
  { header: "Satisfied by", sql: 'p."satisfiedBy"', mask: CREDENTIAL_MENTIONS },
  { header: "Reason", sql: "p.reason", mask: CREDENTIAL_MENTIONS },
  { header: "Updated at", sql: 'p."updatedAt"', kind: "timestamp" },
  { header: "Automation id", sql: "a.id" },
  { header: "Prerequisite id", sql: "p.id" },
  // Appended, so that the columns before keep their places for whoever reads them by position.
  { header: "Basis", sql: labelSql("p.basis", basisLabels()) },
  // A basis without a person is IT's (approved through the catalog): said so, not left blank.
  { header: "Basis by", sql: `case when p.basis is null then null else coalesce(bu.name, 'IT') end` },
  { header: "Basis by e-mail", sql: "bu.email" },
  { header: "Basis at", sql: 'p."basisAt"', kind: "timestamp" },
  // The codes behind the labels above, for whoever filters or joins on them.
  { header: "Automation status code", sql: "a.status" },
  { header: "Type code", sql: "p.type" },
  { header: "Status code", sql: "p.status" },
  { header: "Lapse code", sql: LAPSE_SQL },
  { header: "Basis code", sql: "p.basis" },
];

function basisLabels(): Record<string, string> {
  return Object.fromEntries(Object.entries(BASIS_LABELS).map(([code, basis]) => [code, basis.label]));
}

import "server-only";
import type { PoolClient } from "pg";
import { CREDENTIAL_STORES, type CredentialStore } from "@/lib/domain/types";
import { jsonRulesFailed, ruleFailed } from "@/lib/secrets/mask";

// npm run secrets:scan: which stored rows hold text that fails the secret rules or a reference
// outside its store's grammar — rows written before the rules existed. For IT, who fixes them;
// until then every read masks them (lib/secrets/mask.ts). Read-only: one read-only
// transaction, rows read through a cursor in batches. Migration-safe: it asks the database
// which tables and columns exist and scans those, so it runs before or after any migration.
// A finding names the table, the row's id, the field and the rule, never the value.

export interface ScanFinding {
  table: string;
  id: string;
  /** The column, or for JSON the path inside it: "after.systems.0.credentialName". */
  field: string;
  rule: string;
}

type Field =
  /** Free text, or a text[] of it. */
  | { column: string; kind: "text" }
  /** A reference; its store is the column `storeColumn` (the default when that column is absent). */
  | { column: string; kind: "reference"; storeColumn: string; defaultStore: CredentialStore }
  /** JSON: every string inside, a credential's name or key reference by its store. */
  | { column: string; kind: "json" };

interface Target {
  table: string;
  fields: Field[];
}

const text = (...columns: string[]): Field[] => columns.map((column) => ({ column, kind: "text" }));
const json = (column: string): Field => ({ column, kind: "json" });

/** Every column a person (or an identity provider) writes free text or a reference into. */
export const SCAN_TARGETS: readonly Target[] = [
  { table: "departments", fields: text("name") },
  { table: "users", fields: text("name") },
  { table: "api_tokens", fields: text("name") },
  {
    table: "automations",
    fields: text("name", "description", "runAs", "machine", "windowsAccount"),
  },
  {
    table: "system_accesses",
    fields: [
      ...text("name", "machineGroup", "windowsAccount"),
      {
        column: "credentialName",
        kind: "reference",
        storeColumn: "credentialStore",
        defaultStore: "AZURE_KEY_VAULT",
      },
    ],
  },
  {
    table: "connectors",
    fields: [
      ...text("name", "ownerTeam", "vendor", "baseUrl", "scopes"),
      { column: "keyReference", kind: "reference", storeColumn: "keyStore", defaultStore: "AZURE_KEY_VAULT" },
    ],
  },
  { table: "gateways", fields: [...text("name", "cluster", "host", "region"), json("dataSources")] },
  { table: "requests", fields: [...text("justification", "decisionReason"), json("details")] },
  { table: "request_comments", fields: text("body") },
  { table: "prerequisite_reviews", fields: text("declaration", "reason") },
  { table: "prerequisites", fields: text("reason", "satisfiedBy") },
  { table: "notifications", fields: text("title", "body") },
  { table: "audit_events", fields: [...text("actorLabel"), json("before"), json("after")] },
];

const BATCH = 1_000;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

const isStore = (value: unknown): value is CredentialStore =>
  typeof value === "string" && (CREDENTIAL_STORES as readonly string[]).includes(value);

/** The columns that exist, by table, in the current schema (public). */
async function existingColumns(client: PoolClient): Promise<Map<string, Set<string>>> {
  const { rows } = await client.query<{ table: string; column: string }>(
    `select table_name as table, column_name as column
       from information_schema.columns where table_schema = current_schema()`,
  );
  const columns = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = columns.get(row.table) ?? new Set<string>();
    set.add(row.column);
    columns.set(row.table, set);
  }
  return columns;
}

function judge(field: Field, row: Record<string, unknown>): Array<{ field: string; rule: string }> {
  const value = row[field.column];
  if (value === null || value === undefined) return [];
  switch (field.kind) {
    case "text": {
      const values = Array.isArray(value) ? value : [value];
      return values.flatMap((item, index) => {
        const rule = typeof item === "string" ? ruleFailed(item) : null;
        const name = Array.isArray(value) ? `${field.column}.${index}` : field.column;
        return rule ? [{ field: name, rule }] : [];
      });
    }
    case "reference": {
      const stored = row[field.storeColumn];
      const store = isStore(stored) ? stored : field.defaultStore;
      const rule = typeof value === "string" ? ruleFailed(value, store) : null;
      return rule ? [{ field: field.column, rule }] : [];
    }
    case "json":
      return jsonRulesFailed(value, [field.column]).map(({ path, rule }) => ({ field: path, rule }));
  }
}

/**
 * Scans every target table that exists, in one read-only transaction on `client`, and calls
 * `onFinding` for each finding as it is found. Returns the findings and the tables scanned.
 */
export async function scanStoredSecrets(
  client: PoolClient,
  onFinding: (finding: ScanFinding) => void = () => {},
): Promise<{ findings: ScanFinding[]; scanned: Array<{ table: string; rows: number }> }> {
  const findings: ScanFinding[] = [];
  const scanned: Array<{ table: string; rows: number }> = [];
  await client.query("begin isolation level repeatable read read only");
  try {
    const columns = await existingColumns(client);
    for (const target of SCAN_TARGETS) {
      const present = columns.get(target.table);
      if (!present?.has("id")) continue;
      const fields = target.fields.filter((field) => present.has(field.column));
      if (fields.length === 0) continue;
      const selected = new Set(fields.map((field) => field.column));
      for (const field of fields) {
        if (field.kind === "reference" && present.has(field.storeColumn)) selected.add(field.storeColumn);
      }
      const list = [...selected]
        .map((column) => `${quote(column)}${column.endsWith("Store") ? "::text" : ""} as ${quote(column)}`)
        .join(", ");
      await client.query(
        `declare secrets_scan no scroll cursor for
           select id::text as id, ${list} from ${quote(target.table)} order by id`,
      );
      let rows = 0;
      for (;;) {
        const batch = await client.query<Record<string, unknown> & { id: string }>(
          `fetch ${BATCH} from secrets_scan`,
        );
        rows += batch.rows.length;
        for (const row of batch.rows) {
          for (const field of fields) {
            for (const found of judge(field, row)) {
              const finding = { table: target.table, id: row.id, ...found };
              findings.push(finding);
              onFinding(finding);
            }
          }
        }
        if (batch.rows.length < BATCH) break;
      }
      await client.query("close secrets_scan");
      scanned.push({ table: target.table, rows });
    }
  } finally {
    await client.query("rollback");
  }
  return { findings, scanned };
}

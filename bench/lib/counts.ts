import type pg from "pg";

const TABLES = [
  "departments",
  "users",
  "automations",
  "system_accesses",
  "prerequisites",
  "connectors",
  "gateways",
  "requests",
  "audit_events",
  "notifications",
  "outstanding_snapshots",
] as const;

/** Exact row counts of the tables the data set fills. */
export async function countRows(client: pg.ClientBase | pg.Pool): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, number>>(
    `select ${TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(", ")}`,
  );
  return rows[0]!;
}

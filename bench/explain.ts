/**
 * The query plans behind the benchmark's scenarios: every statement each endpoint's service
 * sends (captured as in the benchmark), run under EXPLAIN (ANALYZE, BUFFERS) on DATABASE_URL.
 *
 *   DATABASE_URL=postgresql://… npm run bench:explain [-- --only list-first,detail] [--summary]
 *
 * --summary prints one line per statement (time, and every sequential scan with its table)
 * instead of whole plans. The statements are read-only; ANALYZE executes them.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { captureStatements, type Statement } from "./lib/direct";
import { preparePrincipals, removeTokens } from "./lib/principals";
import { callerOf, loadFixtures, readScenarios } from "./lib/scenarios";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Total Time"?: number;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan") found.push(`${node["Relation Name"]} (${node["Actual Rows"]} rows)`);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

async function explain(db: pg.Pool, statement: Statement, summary: boolean): Promise<string> {
  const client = await db.connect();
  try {
    await client.query("begin read only");
    if (summary) {
      const { rows } = await client.query<{
        "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }>;
      }>({
        text: `explain (analyze, buffers, format json) ${statement.text}`,
        values: statement.values,
      });
      const plan = rows[0]!["QUERY PLAN"][0]!;
      const scans = seqScans(plan.Plan);
      return `${plan["Execution Time"].toFixed(1)} ms${scans.length ? `, seq scans: ${scans.join(", ")}` : ""}`;
    }
    const { rows } = await client.query<{ "QUERY PLAN": string }>({
      text: `explain (analyze, buffers) ${statement.text}`,
      values: statement.values,
    });
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    await client.query("rollback").catch(() => {});
    client.release();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { only: { type: "string" }, summary: { type: "boolean", default: false } },
  });
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set.");
  const only = values.only ? new Set(values.only.split(",")) : null;
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2, options: "-c jit=off" });
  try {
    const principals = await preparePrincipals(db, "explain-only-no-server");
    const fixtures = await loadFixtures(db);
    for (const scenario of readScenarios(fixtures)) {
      if (!scenario.service || (only && !only.has(scenario.id))) continue;
      const service = scenario.service;
      const caller = await callerOf(principals[scenario.account]);
      const { statements } = await captureStatements(() => service(caller));
      console.log(`\n=== ${scenario.id}: ${scenario.title} (${statements.length} statements)`);
      for (const [index, statement] of statements.entries()) {
        if (/^\s*(begin|commit|rollback)\b/i.test(statement.text)) continue;
        const plan = await explain(db, statement, values.summary);
        const sql = statement.text.replace(/\s+/g, " ").slice(0, values.summary ? 140 : 2000);
        console.log(
          values.summary ? `${index + 1}. ${plan} — ${sql}` : `\n--- ${index + 1}. ${sql}\n${plan}`,
        );
      }
    }
    await removeTokens(db);
    return 0;
  } finally {
    await db.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

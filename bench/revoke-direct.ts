/**
 * The revocation without HTTP: revokes the benchmark's connector in this process, times it,
 * proves it was one transaction (xmin), undoes it; then replays the statements it sent, timed,
 * in a transaction that is rolled back.
 *
 *   DATABASE_URL=postgresql://… npm run bench:revoke -- [--runs 3]
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { revokeConnector } from "@/lib/catalog/server/revoke-connector";
import { prisma } from "@/lib/db";
import { captureStatements, timeOnce } from "./lib/direct";
import { dbNow, prepareRevocation, restore, transactionsSince } from "./lib/revoke";

const REASON = "Benchmark: key rotated after a security review.";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is required.");
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const { connector, dependents, caller } = await prepareRevocation(db);
    await db.query("vacuum analyze");

    const runs: Array<{ inProcessMs: number; transactions: number; rowsWritten: number; impact: unknown }> =
      [];
    for (let i = 0; i < Number(values.runs); i++) {
      const since = await dbNow(db);
      const started = performance.now();
      const result = await revokeConnector({ caller, id: connector.id, reason: REASON });
      const inProcessMs = Math.round(performance.now() - started);
      const written = await transactionsSince(db, connector.id, dependents, since);
      runs.push({
        inProcessMs,
        transactions: written.transactions,
        rowsWritten: written.rows,
        impact: result.impact,
      });
      await restore(connector.id, dependents, since);
    }

    const since = await dbNow(db);
    const { statements } = await captureStatements(() =>
      revokeConnector({ caller, id: connector.id, reason: REASON }),
    );
    await restore(connector.id, dependents, since);
    const directSqlMs = Math.round(await timeOnce(databaseUrl, statements, true));
    const sent = statements.filter((s) => !/^\s*(begin|commit)\b/i.test(s.text)).length;
    console.log(
      JSON.stringify({ dependents: dependents.length, runs, directSqlMs, statements: sent }, null, 2),
    );
  } finally {
    await db.end();
    await prisma.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

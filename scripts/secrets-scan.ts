/**
 * Lists, for IT, the stored rows whose references or free text fail the secret rules: a
 * password typed where a reference belongs, a key pasted into a description, a reference
 * outside its store's grammar. Each finding is one line — table, row id, field, rule — and
 * never the value. Until a row is fixed, every read shows its value masked.
 *
 *   npm run secrets:scan            a line per finding, then a summary
 *   npm run secrets:scan -- --json  one JSON object per finding, then the summary as JSON
 *
 * Read-only (one read-only transaction) and migration-safe (scans the tables and columns the
 * database has). Needs DATABASE_URL. Exit codes: 0 nothing found, 1 something found, 2 error.
 */
import { parseArgs } from "node:util";
import { ensureServerCondition } from "./lib/server-condition";

const USAGE = "Usage: npm run secrets:scan [-- --json]";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { pool } = await import("../lib/db");
  const { scanStoredSecrets } = await import("../lib/secrets/server/scan");
  const client = await pool().connect();
  try {
    const { findings, scanned } = await scanStoredSecrets(client, (finding) => {
      console.log(
        values.json
          ? JSON.stringify(finding)
          : `${finding.table}\t${finding.id}\t${finding.field}\t${finding.rule}`,
      );
    });
    const rows = scanned.reduce((sum, table) => sum + table.rows, 0);
    const summary = { findings: findings.length, tables: scanned.length, rows };
    if (values.json) console.log(JSON.stringify({ summary }));
    else if (findings.length === 0)
      console.log(`No stored value fails the secret rules (${rows} rows in ${scanned.length} tables).`);
    else
      console.log(
        `${findings.length} stored value(s) fail the secret rules (${rows} rows in ${scanned.length} tables). ` +
          "They are shown masked until fixed: correct each in the portal, or replace the reference.",
      );
    return findings.length === 0 ? 0 : 1;
  } finally {
    client.release();
  }
}

ensureServerCondition(2);
main(process.argv.slice(2))
  .then(async (code) => {
    const { pool } = await import("../lib/db");
    await pool().end();
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(2);
  });

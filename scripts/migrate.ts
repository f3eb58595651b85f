/**
 * The migrations' command line; the engine is scripts/lib/schema-engine.ts
 * (docs/decisions/003-migrations-on-the-wasm-schema-engine.md).
 *
 *   npx tsx scripts/migrate.ts <deploy|dev|reset|status|check> [options]   (or npm run db:…)
 *
 * Exit codes: 0 ok; 1 error, or (status) pending migrations / a problem; 2 (check) schema.prisma
 * and prisma/migrations disagree. `resolve` (no npm script) clears a failed migration.
 */
import { spawnSync } from "node:child_process";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import {
  DEFAULT_SCHEMA_PATH,
  detectDrift,
  MigrationError,
  migrateCheck,
  migrateDeploy,
  migrateDev,
  migrateReset,
  migrateResolve,
  migrateStatus,
  parseDatabaseUrl,
} from "./lib/schema-engine";

const USAGE = `Usage: npx tsx scripts/migrate.ts <command> [options]

Commands:
  deploy                  Apply pending migrations from prisma/migrations, then the post-deploy
                          steps not run yet (docs/operations/post-deploy-steps.md).
  post-deploy             Only the post-deploy steps not run yet.
  dev --name <name>       Create a migration for the changes in prisma/schema.prisma and apply it.
                          --create-only  write it without applying; --force  accept data-loss warnings
  reset --force           Drop everything in the database and re-apply all migrations.
  status [--drift]        Applied and pending migrations; --drift also compares the real schema
                          (needs a shadow database). Exits 1 when anything is pending or wrong.
  check [--schema <path>] Exit 2 when the schema has changes that no migration contains.
  resolve --rolled-back <name> | --applied <name>
                          Record a failed migration as rolled back (deploy re-applies it) or applied.

Options: --verbose prints the engine's log.
Environment: DATABASE_URL (required); SHADOW_DATABASE_URL for dev, check and status --drift
(default: <database>_shadow on the same server, created when missing, wiped on every use).`;

const COMMANDS = ["deploy", "post-deploy", "dev", "reset", "status", "check", "resolve"];

const log = (line: string) => console.log(line);

/** Asks on a terminal; without one (CI, pipes) the answer is no. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

function list(title: string, names: string[]): void {
  console.log(`${title} (${names.length}):`);
  for (const name of names) console.log(`  ${name}`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string", short: "n" },
      schema: { type: "string" },
      force: { type: "boolean", default: false },
      "create-only": { type: "boolean", default: false },
      drift: { type: "boolean", default: false },
      "rolled-back": { type: "string" },
      applied: { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  if (!COMMANDS.includes(command)) throw new MigrationError(`Unknown command "${command}"\n\n${USAGE}`);
  if (positionals.length > 1) throw new MigrationError(`Unexpected argument: ${positionals[1]}\n\n${USAGE}`);

  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new MigrationError(
      "DATABASE_URL is not set. Point it at your PostgreSQL database, " +
        "e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/preflight",
    );
  }
  const target = parseDatabaseUrl(databaseUrl);
  const where = `"${target.database}" on ${target.host}:${target.port}`;
  const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL || undefined;
  const common = { log, engineLog: values.verbose ? (line: string) => console.error(line) : undefined };

  switch (command) {
    case "deploy": {
      const { applied } = await migrateDeploy(databaseUrl, common);
      if (applied.length === 0) console.log(`No pending migrations (database ${where})`);
      else console.log(`${applied.length} migration(s) applied to ${where}`);
      await postDeploySteps();
      return 0;
    }

    case "post-deploy":
      await postDeploySteps();
      return 0;

    case "dev": {
      const result = await migrateDev(databaseUrl, {
        ...common,
        name: values.name,
        shadowDatabaseUrl,
        createOnly: values["create-only"],
        confirmDataLoss: async (warnings) => {
          if (values.force) return true;
          console.log(`Warnings:\n  • ${warnings.join("\n  • ")}`);
          return confirm("Create and apply this migration anyway?");
        },
      });
      if (!result.created) console.log("Already in sync, no migration created");
      else if (values["create-only"])
        console.log(`Created ${result.created} (not applied: run npm run db:migrate)`);
      else console.log(`Created and applied ${result.created} to ${where}`);
      return 0;
    }

    case "reset": {
      if (
        !values.force &&
        !(await confirm(`Drop all data and schema of ${where} and re-apply all migrations?`))
      ) {
        throw new MigrationError(
          `Not resetting ${where}: pass --force (required when not on a terminal) or answer y.`,
        );
      }
      const { applied } = await migrateReset(databaseUrl, common);
      console.log(`Database ${where} reset; ${applied.length} migration(s) applied`);
      return 0;
    }

    case "status": {
      const status = await migrateStatus(databaseUrl, common);
      console.log(`Database ${where}; ${status.local.length} migration(s) in prisma/migrations`);
      list("Applied", status.applied);
      list("Pending", status.pending);
      for (const problem of status.problems) console.log(`Problem: ${problem}`);
      let drift: string | null = null;
      if (values.drift) {
        drift = await detectDrift(databaseUrl, { ...common, shadowDatabaseUrl });
        console.log(drift ? `Drift: ${drift}` : "No drift: the database schema matches its migrations");
      }
      if (status.pending.length > 0) console.log("Run npm run db:migrate to apply the pending migrations.");
      const ok = status.pending.length === 0 && status.problems.length === 0 && !drift;
      if (ok) console.log("Database schema is up to date");
      return ok ? 0 : 1;
    }

    case "check": {
      const schemaPath = values.schema ?? DEFAULT_SCHEMA_PATH;
      const { inSync, summary } = await migrateCheck(databaseUrl, {
        ...common,
        schemaPath,
        shadowDatabaseUrl,
      });
      if (inSync) {
        console.log("schema.prisma and prisma/migrations agree");
        return 0;
      }
      if (summary) console.log(summary);
      console.error(
        "schema.prisma has changes that no migration contains: run npm run db:migrate:dev -- --name <name>",
      );
      return 2;
    }

    case "resolve": {
      const rolledBack = values["rolled-back"];
      const applied = values.applied;
      if (rolledBack && !applied) {
        await migrateResolve(databaseUrl, { ...common, rolledBack });
        console.log(`Migration ${rolledBack} marked as rolled back; npm run db:migrate will re-apply it`);
      } else if (applied && !rolledBack) {
        await migrateResolve(databaseUrl, { ...common, applied });
        console.log(`Migration ${applied} marked as applied`);
      } else {
        throw new MigrationError("resolve needs exactly one of --rolled-back <name> or --applied <name>");
      }
      return 0;
    }

    default:
      throw new MigrationError(`Unknown command "${command}"\n\n${USAGE}`);
  }
}

/**
 * The post-deploy steps (lib/post-deploy) after the migrations. They use the app's server
 * modules, which import "server-only" and so resolve only under the react-server condition:
 * without it this script runs itself again with it.
 */
async function postDeploySteps(): Promise<void> {
  if (!process.execArgv.includes("--conditions=react-server")) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, "--conditions=react-server", process.argv[1]!, "post-deploy"],
      { stdio: "inherit" },
    );
    if (child.status !== 0) throw new MigrationError("The post-deploy steps failed (see above).");
    return;
  }
  const { runPostDeploySteps } = await import("@/lib/post-deploy/server/run-post-deploy-steps");
  const { pool } = await import("@/lib/db");
  try {
    const outcomes = await runPostDeploySteps({ log });
    const ran = outcomes.filter((outcome) => outcome.ran);
    for (const outcome of ran)
      console.log(`Post-deploy step ${outcome.id}: ${JSON.stringify(outcome.result)}`);
    if (ran.length === 0) console.log("No pending post-deploy steps");
  } finally {
    await pool().end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof MigrationError) {
      console.error(`Error: ${error.message}`);
      process.exit(error.exitCode);
    }
    // parseArgs reports unknown or malformed options this way.
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`Error: ${(error as Error).message}\n\n${USAGE}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);

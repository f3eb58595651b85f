/**
 * CI guard: prisma/schema.prisma and prisma/migrations must agree, i.e. every schema change comes
 * with a migration. Runs the real CLI (`scripts/migrate.ts check`, Prisma's WASM schema engine)
 * as a child process against this run's database (test/global-setup.ts: TEST_DATABASE_URL's
 * server, or the embedded one). The check only reads that database; it replays the migrations on
 * `<db>_shadow` (created when missing, wiped on every use), which is dropped afterwards.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { deriveShadowDatabaseUrl, parseDatabaseUrl } from "../scripts/lib/schema-engine";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DATABASE_URL =
  inject("databaseUrl") ??
  process.env.TEST_DATABASE_URL ??
  "postgresql://postgres@127.0.0.1:5432/preflight_test_migcheck";

afterAll(async () => {
  const shadow = parseDatabaseUrl(deriveShadowDatabaseUrl(DATABASE_URL)).database;
  const admin = new URL(DATABASE_URL);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${shadow.replaceAll('"', '""')}" with (force)`);
  } finally {
    await client.end();
  }
});

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCheck(...args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["tsx", "scripts/migrate.ts", "check", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL }, timeout: 55_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("migrations match schema.prisma (npm run db:check)", () => {
  it("passes for the committed schema and migrations", async () => {
    const result = await runCheck();
    expect(result, `${result.stdout}\n${result.stderr}`).toMatchObject({ code: 0 });
    expect(result.stdout).toContain("schema.prisma and prisma/migrations agree");
  }, 60_000);

  it("fails with exit code 2 when the schema has a model no migration creates", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "preflight-migcheck-"));
    try {
      const schemaPath = path.join(dir, "schema.prisma");
      const schema = await readFile(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
      await writeFile(
        schemaPath,
        `${schema}\nmodel MigrationCheckProbe {\n  id Int @id\n\n  @@map("migration_check_probe")\n}\n`,
      );
      const result = await runCheck("--schema", schemaPath);
      expect(result, `${result.stdout}\n${result.stderr}`).toMatchObject({ code: 2 });
      expect(result.stderr).toContain(
        "schema.prisma has changes that no migration contains: run npm run db:migrate:dev -- --name <name>",
      );
      expect(result.stdout).toContain("migration_check_probe");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

import pg from "pg";
import { type RunStats, summarise } from "./stats";

// The first reference point: the very SQL an endpoint runs, sent straight to Postgres with
// `pg`. The statements are captured, not rewritten: the endpoint's service function is
// called once in this process while every query that reaches a pg client is recorded (text
// and bound values, as Prisma's adapter or the service's raw SQL sends them). Replaying them
// in order, on one connection per simulated client, costs what the database work costs; the
// endpoint's time divided by it is the overhead of everything else (HTTP, Next, sign-in,
// Prisma, JSON).

export interface Statement {
  text: string;
  values?: unknown[];
}

type QueryConfig = { text: string; values?: unknown[] };

let recording: Statement[] | null = null;
const originalQuery = pg.Client.prototype.query;

function install(): void {
  if ((pg.Client.prototype.query as { captured?: boolean }).captured) return;
  const patched = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const config: QueryConfig | null =
      typeof first === "string"
        ? { text: first, values: Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined }
        : first && typeof first === "object" && "text" in first && typeof first.text === "string"
          ? { text: first.text, values: (first as QueryConfig).values }
          : null; // COPY streams (submittables) are not statements we replay
    if (recording && config) recording.push({ text: config.text, values: config.values });
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  };
  (patched as unknown as { captured: boolean }).captured = true;
  pg.Client.prototype.query = patched as typeof pg.Client.prototype.query;
}

/** Runs `work` and returns what it returned with every statement it sent to Postgres. */
export async function captureStatements<T>(
  work: () => Promise<T>,
): Promise<{ value: T; statements: Statement[] }> {
  install();
  const statements: Statement[] = [];
  recording = statements;
  try {
    const value = await work();
    return { value, statements };
  } finally {
    recording = null;
  }
}

/**
 * Replays the statements for `seconds` on `connections` connections, each round the whole
 * list in order; a round is the unit (one "request"). With `rollback`, each round runs in a
 * transaction that is rolled back, so a write can be measured without changing anything.
 */
export async function loadDirect(
  databaseUrl: string,
  statements: readonly Statement[],
  options: { connections: number; seconds: number; rollback?: boolean },
): Promise<RunStats> {
  // As the app connects (lib/db.ts): no JIT compilation.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.connections,
    options: "-c jit=off",
  });
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const replayable = statements.filter((s) => !/^\s*(begin|commit|rollback)\b/i.test(s.text));
  try {
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        const client = await pool.connect();
        try {
          // At least one round per connection, however short the run.
          do {
            const roundStarted = performance.now();
            try {
              if (options.rollback) await client.query("begin");
              for (const statement of replayable) {
                await client.query({ text: statement.text, values: statement.values });
              }
              if (options.rollback) await client.query("rollback");
              latencies.push(performance.now() - roundStarted);
            } catch (error) {
              failures++;
              if (options.rollback) await client.query("rollback").catch(() => {});
              if (failures === 1) console.error("  direct SQL failed:", (error as Error).message);
              if (failures > 100) return;
            }
          } while (performance.now() < deadline);
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  return summarise(latencies, failures, (performance.now() - started) / 1000);
}

/** One round, timed, in a rolled-back transaction (for writes measured once). */
export async function timeOnce(databaseUrl: string, statements: readonly Statement[], rollback: boolean) {
  const stats = await loadDirect(databaseUrl, statements, { connections: 1, seconds: 0, rollback });
  return stats.p50;
}

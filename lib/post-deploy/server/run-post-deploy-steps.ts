import "server-only";
import { pool } from "@/lib/db";
import { rederiveEveryAutomation } from "@/lib/post-deploy/server/rederive-every-automation";

// Post-deploy steps: data changes a release needs once, after its migrations (re-deriving every
// automation under new rules). `npm run db:migrate` and the launcher run them right after
// `migrate deploy`. Which ran is kept in the table post_deploy_steps, created here (not by a
// migration: it is the runner's own bookkeeping, like Prisma's _prisma_migrations). A step runs
// once: it is recorded when it completed, and a step that failed runs again next time — so
// every step must be safe to repeat. docs/operations/post-deploy-steps.md.

export interface PostDeployStep {
  /** Never renamed once released: it is what the bookkeeping remembers. */
  id: string;
  description: string;
  run: (log: (line: string) => void) => Promise<unknown>;
}

export const POST_DEPLOY_STEPS: readonly PostDeployStep[] = [
  {
    id: "20261204-rederive-desktop-sign-in-and-assurance",
    description:
      "Re-derive every automation: desktop flows' own Windows sign-in, and the basis of every satisfied prerequisite",
    run: (log) =>
      rederiveEveryAutomation({
        step: "20261204-rederive-desktop-sign-in-and-assurance",
        cause:
          "post-deploy: desktop flows need a Windows sign-in; satisfied prerequisites record their basis",
        ownerMessage:
          "Preflight now asks every desktop flow for the Windows sign-in on the machine it runs on: record where it runs and the Windows account.",
        log,
      }),
  },
];

/** Any fixed number: the advisory lock that keeps two runners (two launchers) apart. */
const LOCK_KEY = 774_201_204;

export interface StepOutcome {
  id: string;
  ran: boolean;
  result?: unknown;
}

export async function runPostDeploySteps(
  options: { steps?: readonly PostDeployStep[]; log?: (line: string) => void } = {},
): Promise<StepOutcome[]> {
  const steps = options.steps ?? POST_DEPLOY_STEPS;
  const log = options.log ?? (() => {});
  const client = await pool().connect();
  try {
    // Session-level: held across the steps' own transactions, released below (or with the connection).
    await client.query("select pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await client.query(
        `create table if not exists post_deploy_steps (
           id text primary key,
           description text not null,
           "completedAt" timestamptz not null default now(),
           result jsonb)`,
      );
      const { rows } = await client.query<{ id: string }>("select id from post_deploy_steps");
      const done = new Set(rows.map((row) => row.id));
      const outcomes: StepOutcome[] = [];
      for (const step of steps) {
        if (done.has(step.id)) {
          outcomes.push({ id: step.id, ran: false });
          continue;
        }
        log(`Post-deploy step ${step.id}: ${step.description}`);
        const result = await step.run(log);
        await client.query(
          `insert into post_deploy_steps (id, description, result) values ($1, $2, $3::jsonb)
           on conflict (id) do nothing`,
          [step.id, step.description, JSON.stringify(result ?? null)],
        );
        outcomes.push({ id: step.id, ran: true, result });
      }
      return outcomes;
    } finally {
      await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

import "server-only";
import { NextResponse } from "next/server";
import { pool } from "@/lib/db";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/db-errors";

// Liveness: the process answers (a load balancer or orchestrator restarts it when it does not).
// Readiness: it can serve, i.e. its database answers within a second; while it does not, the
// instance is taken out of rotation but not restarted — it serves again as soon as the database
// is back (docs/operations.md).

const READY_TIMEOUT_MS = 1_000;
const NO_STORE = { "cache-control": "no-store" };

export async function databaseReachable(timeoutMs = READY_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = pool()
    .query("select 1")
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function livenessResponse(): Response {
  return NextResponse.json({ status: "ok" }, { headers: NO_STORE });
}

export async function readinessResponse(): Promise<Response> {
  const ok = await databaseReachable();
  return NextResponse.json(
    { status: ok ? "ok" : "unavailable", database: ok ? "ok" : "unavailable" },
    {
      status: ok ? 200 : 503,
      headers: ok ? NO_STORE : { ...NO_STORE, "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
    },
  );
}

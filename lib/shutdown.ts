import "server-only";
import diagnosticsChannel from "node:diagnostics_channel";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// A clean stop of a production instance on SIGTERM (or SIGINT), e.g. during a rolling deploy
// (docs/decisions/019-standalone-and-clean-shutdown.md):
//
//   1. it stops accepting connections (the load balancer's next attempt goes to another instance)
//      and closes the idle ones; a response given meanwhile says `Connection: close`;
//   2. the requests in flight finish, for up to SHUTDOWN_GRACE_MS;
//   3. a response still running then (a long CSV download) is cut: its socket is destroyed, so
//      the client sees a broken transfer — never a complete 200 with rows missing;
//   4. the job queue stops (a job still running is marked failed and retried by an instance
//      that runs on), the database pools close, and the process exits 0.
//
// Next's standalone server stops on these signals by itself: it closes its server, waits for
// every request however long it takes, and exits 143, without our job queue and pools. Its
// handlers are replaced here (register() in instrumentation.ts runs after they are installed;
// NEXT_MANUAL_SIG_HANDLE=true keeps Next from installing them at all).

/** After the grace period, what the job queue and the pools get before the process exits anyway. */
const CLOSE_BUDGET_MS = 5_000;
const SIGNALS = ["SIGTERM", "SIGINT"] as const;

interface ShutdownState {
  installed: boolean;
  stopping: boolean;
  inFlight: Set<http.ServerResponse>;
  servers: Set<http.Server>;
}

const holder = globalThis as unknown as { preflightShutdown?: ShutdownState };

function state(): ShutdownState {
  holder.preflightShutdown ??= {
    installed: false,
    stopping: false,
    inFlight: new Set(),
    servers: new Set(),
  };
  return holder.preflightShutdown;
}

/** Installs the handlers once per process. Production servers only (not `next dev`, not tests). */
export function installShutdown(): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  // Node reports each request with its server and response (built-in channel, Node 18.7+).
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { response, server } = message as { response: http.ServerResponse; server: http.Server };
    current.servers.add(server);
    current.inFlight.add(response);
    response.once("close", () => current.inFlight.delete(response));
    if (current.stopping && !response.headersSent) response.setHeader("connection", "close");
  });
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, (received: NodeJS.Signals) => {
      if (current.stopping) return;
      void shutdown(received).then(
        () => process.exit(0),
        (error: unknown) => {
          log().error({ err: error instanceof Error ? error.message : String(error) }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
}

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  const current = state();
  current.stopping = true;
  const graceMs = env().SHUTDOWN_GRACE_MS;
  const started = Date.now();
  // Whatever hangs (a pool that does not close), the process does not outlive its budget.
  setTimeout(
    () => {
      log().error({ ms: Date.now() - started }, "shutdown: did not finish in time; exiting");
      process.exit(1);
    },
    graceMs + CLOSE_BUDGET_MS * 2,
  ).unref();

  const servers = listeningServers(current);
  log().info(
    { signal, inFlight: current.inFlight.size, graceMs },
    "shutting down: no new connections; finishing the requests in flight",
  );
  const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
  // Keep-alive connections between requests would hold server.close() open: closed when idle.
  const deadline = started + graceMs;
  while (current.inFlight.size > 0 && Date.now() < deadline) {
    for (const server of servers) server.closeIdleConnections();
    await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
  }
  const cut = current.inFlight.size;
  for (const response of current.inFlight) response.socket?.destroy();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(closed);
  log()[cut > 0 ? "warn" : "info"](
    { ms: Date.now() - started, cut },
    cut > 0
      ? "shutdown: requests still running after the grace period were cut"
      : "shutdown: every request finished",
  );

  const { stopJobs } = await import("@/lib/jobs/server/boss");
  await stopJobs(CLOSE_BUDGET_MS).catch((error: unknown) =>
    log().warn({ err: error instanceof Error ? error.message : String(error) }, "shutdown: job queue"),
  );
  const { closeDatabase } = await import("@/lib/db");
  await closeDatabase();
  // The spans of the last requests, when tracing is on (lib/tracing.ts).
  const { stopTracing } = await import("@/lib/tracing");
  await stopTracing().catch((error: unknown) =>
    log().warn({ err: error instanceof Error ? error.message : String(error) }, "shutdown: tracing"),
  );
  log().info({ ms: Date.now() - started }, "shutdown: done");
}

/**
 * The HTTP servers of this process: those requests came through, and any other listening
 * (Next's server, when no request came yet) among the process's open handles.
 */
function listeningServers(current: ShutdownState): http.Server[] {
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  for (const handle of handles) if (handle instanceof http.Server) current.servers.add(handle);
  return [...current.servers].filter((server) => server.listening);
}

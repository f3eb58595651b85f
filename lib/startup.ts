import { env } from "@/lib/env";

// What a Node.js server does once when it starts (called from instrumentation.ts, which also
// compiles for the Edge runtime and so must not touch process.exit itself). An invalid
// environment stops the process here, with the variable's name and the problem, instead of
// failing on the first request. Then the background job queue starts (key expiry, e-mail
// delivery, daily snapshots) unless JOBS_DISABLED is set; a queue that cannot start is logged
// and retried on the next start, and does not keep the portal from serving pages.
export async function startServer(): Promise<void> {
  try {
    env();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  // Traces only when OTEL_* variables ask for them (lib/tracing.ts); a failing exporter never
  // keeps the portal from serving.
  const { startTracing } = await import("@/lib/tracing");
  await startTracing().catch((error: unknown) =>
    console.error(`tracing did not start: ${error instanceof Error ? error.message : String(error)}`),
  );
  // Before the first request: per-address limits read the socket's address from this header.
  const { installClientAddressHeader } = await import("@/lib/http/server/client-address");
  installClientAddressHeader();
  // A production server stops cleanly on SIGTERM (lib/shutdown.ts); `next dev` keeps Next's own.
  // Its pages are in the request histogram by their route pattern (lib/page-metrics.ts).
  if (env().NODE_ENV === "production") {
    const { installShutdown } = await import("@/lib/shutdown");
    installShutdown();
    const { installPageMetrics } = await import("@/lib/page-metrics");
    installPageMetrics();
  }
  if (env().JOBS_DISABLED) return;
  const { startJobs } = await import("@/lib/jobs/server/boss");
  const { log } = await import("@/lib/log");
  startJobs().then(
    () => log().info("job queue started (key expiry 02:00 UTC, e-mail every minute, snapshot 00:10 UTC)"),
    (error: unknown) =>
      log().error({ err: error instanceof Error ? error.message : String(error) }, "job queue did not start"),
  );
}

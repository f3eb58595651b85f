import "server-only";
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { variablesWithPrefix } from "@/lib/env";

// OpenTelemetry traces: off unless the standard OTEL_* variables ask for them, so a default
// start loads none of the SDK. On, the SDK (@opentelemetry/sdk-node) reads its exporter, endpoint,
// protocol, headers, sampler and resource from those variables itself (OTEL_EXPORTER_OTLP_ENDPOINT,
// OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_TRACES_SAMPLER…); Next.js's own spans and ours (one per API
// request, one per job run) go to it. Spans carry route patterns, methods, statuses and request
// ids — never a path with ids in it, a query, a header or a body.

/** Whether the environment asks for traces: an OTLP endpoint, or a traces exporter other than none. */
export function tracingRequested(
  variables: Readonly<Record<string, string | undefined>> = variablesWithPrefix("OTEL_"),
): boolean {
  if (variables.OTEL_SDK_DISABLED?.toLowerCase() === "true") return false;
  const exporter = variables.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter) return exporter !== "none";
  return Boolean(variables.OTEL_EXPORTER_OTLP_ENDPOINT || variables.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

const globalForTracing = globalThis as unknown as { preflightStopTracing?: () => Promise<void> };

/** Starts the SDK when asked; returns how to flush and stop it, or null when tracing is off. */
export async function startTracing(): Promise<(() => Promise<void>) | null> {
  if (!tracingRequested()) return null;
  const { NodeSDK } = await import("@opentelemetry/sdk-node");
  const sdk = new NodeSDK({ serviceName: variablesWithPrefix("OTEL_").OTEL_SERVICE_NAME || "preflight" });
  sdk.start();
  const stop = async () => {
    globalForTracing.preflightStopTracing = undefined;
    await sdk.shutdown();
  };
  globalForTracing.preflightStopTracing = stop;
  return stop;
}

/** Exports the spans still buffered and stops the SDK (a clean shutdown); nothing when off. */
export async function stopTracing(): Promise<void> {
  await globalForTracing.preflightStopTracing?.();
}

const tracer = () => trace.getTracer("preflight");

/**
 * Runs `work` in a span named `name` with `attributes`; the span ends with the status `work`
 * reports (or an error). Without a tracer provider the API's no-op span costs next to nothing.
 */
export function inSpan<T>(
  name: string,
  attributes: Record<string, string | number>,
  work: (finish: (more: Record<string, string | number>, failed?: boolean) => void) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    let failed = false;
    const finish = (more: Record<string, string | number>, didFail = false) => {
      span.setAttributes(more);
      failed = didFail;
    };
    try {
      return await work(finish);
    } catch (error) {
      failed = true;
      span.recordException(error instanceof Error ? error : String(error));
      throw error;
    } finally {
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  });
}

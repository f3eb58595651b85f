import { metricsResponse } from "@/lib/metrics";

export const dynamic = "force-dynamic";

/** Prometheus metrics of this instance, for a bearer of METRICS_TOKEN (docs/operations.md). */
export function GET(request: Request) {
  return metricsResponse(request);
}

import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { errorBody, notFound } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/**
 * The web tier's ceiling for `npm run bench`: a constant answer through the same server,
 * proxy and JSON serialisation as every API route, with no database and no sign-in (see
 * BENCHMARKS.md). It exists only when the benchmark switches it on (BENCH_CONSTANT_ROUTE);
 * every other start answers 404, as for a route that is not there.
 */
export function GET() {
  if (!env().BENCH_CONSTANT_ROUTE) {
    return NextResponse.json(errorBody(notFound("Route")), {
      status: 404,
      headers: { "cache-control": "no-store" },
    });
  }
  return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}

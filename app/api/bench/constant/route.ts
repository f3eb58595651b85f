import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/**
 * The web tier's ceiling for `npm run bench`: a constant answer through the same server,
 * proxy and JSON serialisation as every API route, with no database and no sign-in. Public
 * and harmless (it reveals nothing); see BENCHMARKS.md.
 */
export function GET() {
  return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}

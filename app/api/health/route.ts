import { NextResponse } from "next/server";
import { databaseReachable } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await databaseReachable();
  return NextResponse.json(
    { status: ok ? "ok" : "unavailable", database: ok ? "ok" : "unavailable" },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}

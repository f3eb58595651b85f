import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/server/api-route";
import { openApiDocument } from "@/lib/openapi/server/registry";

export const dynamic = "force-dynamic";

// Public: the contract describes the API, not its data.
export const GET = apiRoute({
  auth: false,
  handler: async () =>
    NextResponse.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
});

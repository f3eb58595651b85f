import { apiRoute } from "@/lib/http/server/api-route";
import { ZCreateRequestBody, ZRequestListQuery } from "@/lib/requests/schemas";
import { createRequest, listRequests } from "@/lib/requests/server/requests";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZRequestListQuery,
  handler: ({ caller, query }) => listRequests({ caller, query }),
});

export const POST = apiRoute({
  permission: "request:create",
  body: ZCreateRequestBody,
  status: 201,
  idempotent: true,
  handler: ({ caller, body }) => createRequest({ caller, input: body }),
});

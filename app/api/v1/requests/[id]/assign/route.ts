import { apiRoute } from "@/lib/http/api";
import { ZIdParams } from "@/lib/openapi/common";
import { assignRequest } from "@/lib/requests/assign";
import { ZAssignBody } from "@/lib/requests/schemas";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  permission: "request:decide",
  params: ZIdParams,
  body: ZAssignBody,
  handler: ({ caller, params, body }) => assignRequest({ caller, id: params.id, version: body.version }),
});

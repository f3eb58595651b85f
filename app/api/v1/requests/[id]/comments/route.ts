import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";
import { ZCommentBody } from "@/lib/requests/schemas";
import { addComment } from "@/lib/requests/server/add-comment";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  params: ZIdParams,
  body: ZCommentBody,
  status: 201,
  handler: ({ caller, params, body }) => addComment({ caller, id: params.id, body: body.body }),
});

import { apiRoute } from "@/lib/http/api";
import { ZIdParams } from "@/lib/openapi/common";
import { addComment } from "@/lib/requests/comments";
import { ZCommentBody } from "@/lib/requests/schemas";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  params: ZIdParams,
  body: ZCommentBody,
  status: 201,
  handler: ({ caller, params, body }) => addComment({ caller, id: params.id, body: body.body }),
});

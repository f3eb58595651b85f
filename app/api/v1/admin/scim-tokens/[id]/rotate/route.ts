import { apiRoute } from "@/lib/http/server/api-route";
import { ZScimTokenParams } from "@/lib/scim/schemas";
import { rotateScimToken } from "@/lib/scim/server/scim-tokens";

export const POST = apiRoute({
  permission: "admin:scim",
  params: ZScimTokenParams,
  status: 201,
  handler: ({ caller, params }) => rotateScimToken(caller, params.id),
});

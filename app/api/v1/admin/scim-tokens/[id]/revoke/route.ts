import { apiRoute } from "@/lib/http/server/api-route";
import { ZScimTokenParams } from "@/lib/scim/schemas";
import { revokeScimToken } from "@/lib/scim/server/scim-tokens";

export const POST = apiRoute({
  permission: "admin:scim",
  params: ZScimTokenParams,
  handler: ({ caller, params }) => revokeScimToken(caller, params.id),
});

import { apiRoute } from "@/lib/http/server/api-route";
import { ZMapScimGroupBody, ZScimGroupParams } from "@/lib/scim/schemas";
import { mapScimGroup } from "@/lib/scim/server/group-roles";

export const PATCH = apiRoute({
  permission: "admin:scim",
  params: ZScimGroupParams,
  body: ZMapScimGroupBody,
  handler: ({ caller, params, body }) => mapScimGroup({ caller, id: params.id, body }),
});

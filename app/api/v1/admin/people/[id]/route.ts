import { ZIdParams, ZUpdatePersonBody } from "@/lib/admin/schemas";
import { getPerson, updatePerson } from "@/lib/admin/server/people";
import { apiRoute } from "@/lib/http/server/api-route";

export const GET = apiRoute({
  permission: "admin:people",
  params: ZIdParams,
  handler: ({ caller, params }) => getPerson({ caller, id: params.id }),
});

export const PATCH = apiRoute({
  permission: "admin:people",
  params: ZIdParams,
  body: ZUpdatePersonBody,
  handler: ({ caller, params, body }) => updatePerson({ caller, id: params.id, changes: body }),
});

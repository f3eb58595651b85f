import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from "@/lib/scim/server/groups";
import { scimRoute } from "@/lib/scim/server/scim-route";

export const GET = scimRoute(async ({ params }) => ({ body: await getScimGroup(params.id ?? "") }));

export const PUT = scimRoute(async ({ scim, params, body }) => ({
  body: await replaceScimGroup(params.id ?? "", body, scim.actor),
}));

// Entra accepts 200 with the group or 204; the group is sent back so a client sees the result.
export const PATCH = scimRoute(async ({ scim, params, body }) => ({
  body: await patchScimGroup(params.id ?? "", body, scim.actor),
}));

export const DELETE = scimRoute(async ({ scim, params }) => {
  await deleteScimGroup(params.id ?? "", scim.actor);
  return { status: 204 };
});

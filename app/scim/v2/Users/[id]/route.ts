import { scimRoute } from "@/lib/scim/server/scim-route";
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@/lib/scim/server/users";

export const GET = scimRoute(async ({ params }) => ({ body: await getScimUser(params.id ?? "") }));

export const PUT = scimRoute(async ({ scim, params, body }) => ({
  body: await replaceScimUser(params.id ?? "", body, scim.actor),
}));

export const PATCH = scimRoute(async ({ scim, params, body }) => ({
  body: await patchScimUser(params.id ?? "", body, scim.actor),
}));

export const DELETE = scimRoute(async ({ scim, params }) => {
  await deleteScimUser(params.id ?? "", scim.actor);
  return { status: 204 };
});

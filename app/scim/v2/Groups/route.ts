import { createScimGroup, listScimGroups } from "@/lib/scim/server/groups";
import { scimRoute } from "@/lib/scim/server/scim-route";
import { scimBaseUrl } from "@/lib/scim/server/users";

export const GET = scimRoute(async ({ request }) => ({
  body: await listScimGroups(request.nextUrl.searchParams),
}));

export const POST = scimRoute(async ({ scim, body }) => {
  const group = await createScimGroup(body, scim.actor);
  return { status: 201, body: group, headers: { location: `${scimBaseUrl()}/Groups/${group.id}` } };
});

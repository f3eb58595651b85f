import { scimRoute } from "@/lib/scim/server/scim-route";
import { createScimUser, listScimUsers, scimBaseUrl } from "@/lib/scim/server/users";

export const GET = scimRoute(async ({ request }) => ({
  body: await listScimUsers(request.nextUrl.searchParams),
}));

export const POST = scimRoute(async ({ scim, body }) => {
  const { status, row } = await createScimUser(body, scim.actor);
  return { status, body: row, headers: { location: `${scimBaseUrl()}/Users/${row.id}` } };
});

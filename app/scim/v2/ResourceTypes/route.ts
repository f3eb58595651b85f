import { resourceTypes } from "@/lib/scim/discovery";
import { scimRoute } from "@/lib/scim/server/scim-route";
import { scimBaseUrl } from "@/lib/scim/server/users";

export const GET = scimRoute(async () => ({ body: resourceTypes(scimBaseUrl()) }));

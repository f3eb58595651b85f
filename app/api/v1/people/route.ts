import { ZPeopleSearchQuery } from "@/lib/directory/schemas";
import { searchPeople } from "@/lib/directory/server/search-people";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "people:search",
  query: ZPeopleSearchQuery,
  handler: ({ caller, query }) => searchPeople({ caller, query }),
});

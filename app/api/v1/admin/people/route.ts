import { ZPeopleQuery } from "@/lib/admin/schemas";
import { listPeople } from "@/lib/admin/server/people";
import { apiRoute } from "@/lib/http/server/api-route";

export const GET = apiRoute({
  permission: "admin:people",
  query: ZPeopleQuery,
  handler: ({ caller, query }) => listPeople({ caller, query }),
});

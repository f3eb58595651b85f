import { listPeople } from "@/lib/admin/people";
import { ZPeopleQuery } from "@/lib/admin/schemas";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute({
  permission: "admin:people",
  query: ZPeopleQuery,
  handler: ({ query }) => listPeople(query),
});

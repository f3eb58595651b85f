import { apiRoute } from "@/lib/http/server/api-route";
import { ZPrerequisiteListQuery } from "@/lib/prerequisites/schemas";
import { listPrerequisites } from "@/lib/prerequisites/server/list-prerequisites";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZPrerequisiteListQuery,
  handler: ({ caller, query }) => listPrerequisites({ caller, query }),
});

import { apiRoute } from "@/lib/http/api";
import { listPrerequisites } from "@/lib/prerequisites/list";
import { ZPrerequisiteListQuery } from "@/lib/prerequisites/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZPrerequisiteListQuery,
  handler: ({ caller, query }) => listPrerequisites({ caller, query }),
});

import { ZConnectorListQuery } from "@/lib/catalog/schemas";
import { listConnectors } from "@/lib/catalog/service";
import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZConnectorListQuery,
  handler: ({ caller, query }) => listConnectors({ caller, query }),
});

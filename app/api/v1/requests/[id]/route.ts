import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";
import { getRequestDetail } from "@/lib/requests/server/get-request";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  params: ZIdParams,
  handler: ({ caller, params }) => getRequestDetail({ caller, id: params.id }),
});

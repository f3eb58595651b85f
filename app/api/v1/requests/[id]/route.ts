import { apiRoute } from "@/lib/http/api";
import { ZIdParams } from "@/lib/openapi/common";
import { getRequestDetail } from "@/lib/requests/detail";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  params: ZIdParams,
  handler: ({ caller, params }) => getRequestDetail({ caller, id: params.id }),
});

import { apiRoute } from "@/lib/http/server/api-route";
import { ZTokenParams } from "@/lib/tokens/schemas";
import { revokeOwnToken } from "@/lib/tokens/server/tokens";

export const POST = apiRoute({
  params: ZTokenParams,
  handler: ({ caller, params }) => revokeOwnToken(caller, params.id),
});

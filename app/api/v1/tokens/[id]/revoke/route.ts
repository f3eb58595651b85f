import { apiRoute } from "@/lib/http/api";
import { ZTokenParams } from "@/lib/tokens/schemas";
import { revokeOwnToken } from "@/lib/tokens/service";

export const POST = apiRoute({
  params: ZTokenParams,
  handler: ({ caller, params }) => revokeOwnToken(caller, params.id),
});

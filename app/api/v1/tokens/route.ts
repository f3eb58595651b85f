import { apiRoute } from "@/lib/http/server/api-route";
import { ZCreateTokenBody } from "@/lib/tokens/schemas";
import { createOwnToken, listTokens } from "@/lib/tokens/server/tokens";

export const GET = apiRoute({
  handler: async ({ caller }) => ({ items: await listTokens({ caller }), nextCursor: null }),
});

export const POST = apiRoute({
  body: ZCreateTokenBody,
  status: 201,
  handler: ({ caller, body }) => createOwnToken(caller, body),
});

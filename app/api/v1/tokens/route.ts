import { apiRoute } from "@/lib/http/api";
import { ZCreateTokenBody } from "@/lib/tokens/schemas";
import { createOwnToken, listTokens } from "@/lib/tokens/service";

export const GET = apiRoute({
  handler: async ({ caller }) => ({ items: await listTokens(caller.id), nextCursor: null }),
});

export const POST = apiRoute({
  body: ZCreateTokenBody,
  status: 201,
  handler: ({ caller, body }) => createOwnToken(caller, body),
});

import { apiRoute } from "@/lib/http/server/api-route";
import { ZCreateScimTokenBody } from "@/lib/scim/schemas";
import { createScimToken, listScimTokens } from "@/lib/scim/server/scim-tokens";

export const GET = apiRoute({
  permission: "admin:scim",
  handler: async () => ({ items: await listScimTokens(), nextCursor: null }),
});

export const POST = apiRoute({
  permission: "admin:scim",
  body: ZCreateScimTokenBody,
  status: 201,
  handler: ({ caller, body }) => createScimToken(caller, body),
});

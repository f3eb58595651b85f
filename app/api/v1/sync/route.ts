import { apiRoute } from "@/lib/http/server/api-route";
import { ZSyncBody } from "@/lib/inventory/schemas";
import { startSync } from "@/lib/inventory/server/sync-run";

export const POST = apiRoute({
  permission: "inventory:import",
  body: ZSyncBody,
  status: 202,
  handler: ({ caller, body }) => startSync(caller, { dryRun: body.dryRun }),
});

import "server-only";
import { z } from "zod";
import { variablesWithPrefix } from "@/lib/env";
import type { SyncOptions } from "@/lib/inventory/server/sync-tenant";

// The live sync's settings, read from the environment each time a sync starts (so an operator's
// change needs no restart and a test can point it at the fake tenant). The client secret is
// never a setting: INVENTORY_SYNC_CLIENT_SECRET_VARIABLE names the variable that holds it.

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const SyncEnv = z.object({
  /** The tenant's token endpoint: https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token */
  INVENTORY_SYNC_TOKEN_URL: url,
  INVENTORY_SYNC_CLIENT_ID: z.string().trim().min(1, "is required"),
  INVENTORY_SYNC_CLIENT_SECRET_VARIABLE: z
    .string()
    .trim()
    .regex(
      /^[A-Z_][A-Z0-9_]*$/,
      "must be the NAME of the environment variable holding the secret, e.g. PP_SYNC_SECRET",
    ),
  INVENTORY_SYNC_BAP_URL: url.default("https://api.bap.microsoft.com"),
  INVENTORY_SYNC_FLOW_URL: url.default("https://api.flow.microsoft.com"),
  INVENTORY_SYNC_POWERAPPS_URL: url.default("https://api.powerapps.com"),
  INVENTORY_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(8),
});

export type SyncSettings =
  | { configured: false }
  | { configured: true; options: SyncOptions }
  | { configured: true; problem: string };

export function syncSettings(
  source: Record<string, string | undefined> = variablesWithPrefix("INVENTORY_SYNC_"),
): SyncSettings {
  if (!source.INVENTORY_SYNC_TOKEN_URL && !source.INVENTORY_SYNC_CLIENT_ID) return { configured: false };
  const parsed = SyncEnv.safeParse(
    Object.fromEntries(
      Object.entries(source).filter(([key, value]) => key.startsWith("INVENTORY_SYNC_") && value),
    ),
  );
  if (!parsed.success)
    return {
      configured: true,
      problem: parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; "),
    };
  const settings = parsed.data;
  return {
    configured: true,
    options: {
      tokenUrl: settings.INVENTORY_SYNC_TOKEN_URL,
      clientId: settings.INVENTORY_SYNC_CLIENT_ID,
      clientSecretVariable: settings.INVENTORY_SYNC_CLIENT_SECRET_VARIABLE,
      bapUrl: settings.INVENTORY_SYNC_BAP_URL.replace(/\/$/, ""),
      flowUrl: settings.INVENTORY_SYNC_FLOW_URL.replace(/\/$/, ""),
      powerAppsUrl: settings.INVENTORY_SYNC_POWERAPPS_URL.replace(/\/$/, ""),
      concurrency: settings.INVENTORY_SYNC_CONCURRENCY,
    },
  };
}

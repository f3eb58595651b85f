import "server-only";
import { secretVariable } from "@/lib/env";
import type { InventoryRecord } from "../records";
import {
  connectionFromRest,
  customConnectorFromRest,
  desktopFlowFromDataverse,
  environmentFromRest,
  flowFromRest,
} from "../rest-shapes";

// The live sync: signs in as a service principal (client credentials; the secret given by the
// name of an environment variable), then environments → flows (each read by id, since the list
// lacks connectionReferences) → connections, custom connectors and desktop flows. Follows
// nextLink, honours 429 Retry-After, retries 5xx and network failures with backoff and jitter,
// and keeps at most `concurrency` requests in flight.

export interface SyncOptions {
  /** https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token */
  tokenUrl: string;
  clientId: string;
  /** The name of the environment variable holding the client secret, never the secret. */
  clientSecretVariable: string;
  /** Where the admin APIs are: api.bap.microsoft.com, api.flow.microsoft.com, api.powerapps.com. */
  bapUrl: string;
  flowUrl: string;
  powerAppsUrl: string;
  concurrency?: number;
  maxRetries?: number;
  /** Backoff of the first retry; doubled each time, with ±50 % jitter. */
  baseDelayMs?: number;
  /** Where the secret's variable is read; default the process environment. */
  readSecret?: (name: string) => string | undefined;
}

export interface SyncStats {
  requests: number;
  retries: number;
  environments: number;
  flows: number;
}

export class SyncError extends Error {
  override name = "SyncError";
}

const SCOPES = {
  bap: "https://service.powerapps.com/.default",
  flow: "https://service.flow.microsoft.com/.default",
} as const;

export async function syncTenant(
  options: SyncOptions,
  onRecord: (record: InventoryRecord) => void | Promise<void>,
): Promise<SyncStats> {
  const stats: SyncStats = { requests: 0, retries: 0, environments: 0, flows: 0 };
  const limit = semaphore(options.concurrency ?? 8);
  const maxRetries = options.maxRetries ?? 6;
  const baseDelay = options.baseDelayMs ?? 500;
  const tokens = new Map<string, { value: string; expires: number }>();

  async function token(scope: string, renew = false): Promise<string> {
    const cached = tokens.get(scope);
    if (cached && !renew && cached.expires > Date.now() + 60_000) return cached.value;
    const secret = (options.readSecret ?? secretVariable)(options.clientSecretVariable);
    if (!secret)
      throw new SyncError(
        `The client secret's variable ${options.clientSecretVariable} is not set in the server's environment.`,
      );
    const response = await fetch(options.tokenUrl, {
      method: "POST",
      cache: "no-store",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: options.clientId,
        client_secret: secret,
        scope,
      }),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== "string") {
      // Only the error code: the request (and so the secret) is never repeated.
      const code = typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
      throw new SyncError(
        `Signing in as ${options.clientId} failed (${code}): check the app registration and its secret.`,
      );
    }
    const value = body.access_token;
    tokens.set(scope, { value, expires: Date.now() + Number(body.expires_in ?? 3600) * 1000 });
    return value;
  }

  async function get(url: string, scope: string): Promise<Record<string, unknown>> {
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const bearer = await token(scope);
      let response: Response | null = null;
      try {
        response = await limit(() => {
          stats.requests += 1;
          return fetch(url, {
            headers: { authorization: `Bearer ${bearer}`, accept: "application/json" },
            // Never Next's data cache: every read is the tenant as it is now.
            cache: "no-store",
          });
        });
      } catch {
        response = null; // a network failure: retried like a 5xx
      }
      if (response?.ok) return (await response.json()) as Record<string, unknown>;
      if (response?.status === 401 && !renewed) {
        renewed = true;
        await token(scope, true);
        continue;
      }
      const retriable = !response || response.status === 429 || response.status >= 500;
      if (!retriable || attempt >= maxRetries)
        throw new SyncError(
          `GET ${new URL(url).pathname} failed: ${response ? `HTTP ${response.status}` : "no answer"}.`,
        );
      stats.retries += 1;
      const retryAfter = Number(response?.headers.get("retry-after"));
      const wait =
        response?.status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0
          ? retryAfter * 1000
          : baseDelay * 2 ** attempt * (0.5 + Math.random());
      // Read to the end, not cancelled: inside Next the response may be a tee whose cancel waits
      // for the other branch, which would hang the run.
      await response?.text().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Every item of a paged list, page by page (nextLink or @odata.nextLink). */
  async function* pages(url: string, scope: string): AsyncGenerator<unknown[]> {
    for (let next: string | null = url; next; ) {
      const body = await get(next, scope);
      yield Array.isArray(body.value) ? body.value : [];
      const link = body.nextLink ?? body["@odata.nextLink"];
      next = typeof link === "string" && link ? link : null;
    }
  }

  const bap = `${options.bapUrl}/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2020-10-01`;
  const work: Promise<void>[] = [];
  for await (const page of pages(bap, SCOPES.bap)) {
    for (const raw of page) {
      const environment = environmentFromRest(raw);
      if (!environment) continue;
      stats.environments += 1;
      await onRecord(environment);
      work.push(syncEnvironment(environment.name, environment.id, environment.instanceUrl));
    }
  }
  await Promise.all(work);
  return stats;

  async function syncEnvironment(name: string, id: string, instanceUrl: string | null): Promise<void> {
    const env = encodeURIComponent(name);
    const flowList = `${options.flowUrl}/providers/Microsoft.ProcessSimple/scopes/admin/environments/${env}/v2/flows?api-version=2016-11-01`;
    for await (const page of pages(flowList, SCOPES.flow)) {
      await Promise.all(
        page.map(async (listed) => {
          const summary = flowFromRest(listed);
          if (typeof summary === "string") return;
          let flow = summary;
          if (flow.connectionReferences === null) {
            const full = await get(
              `${options.flowUrl}/providers/Microsoft.ProcessSimple/scopes/admin/environments/${env}/flows/${encodeURIComponent(flow.flowId)}?api-version=2016-11-01`,
              SCOPES.flow,
            );
            const read = flowFromRest(full);
            if (typeof read !== "string") flow = read;
          }
          stats.flows += 1;
          await onRecord(flow);
        }),
      );
    }
    const powerApps = `${options.powerAppsUrl}/providers/Microsoft.PowerApps/scopes/admin/environments/${env}`;
    for await (const page of pages(`${powerApps}/connections?api-version=2016-11-01`, SCOPES.bap)) {
      for (const raw of page) {
        const connection = connectionFromRest(raw);
        if (typeof connection !== "string") await onRecord(connection);
      }
    }
    for await (const page of pages(`${powerApps}/apis?api-version=2016-11-01`, SCOPES.bap)) {
      for (const raw of page) {
        const connector = customConnectorFromRest(raw, id);
        if (connector) await onRecord(connector);
      }
    }
    if (instanceUrl) {
      const base = new URL(instanceUrl.replace(/\/?$/, "/"), `${options.bapUrl}/`);
      const workflows = new URL(
        "api/data/v9.2/workflows?$filter=category eq 6&$select=workflowid,name,statecode&$expand=ownerid($select=azureactivedirectoryobjectid,domainname,fullname)",
        base,
      );
      for await (const page of pages(workflows.toString(), SCOPES.bap)) {
        for (const raw of page) {
          const desktopFlow = desktopFlowFromDataverse(raw, id);
          if (desktopFlow) await onRecord(desktopFlow);
        }
      }
    }
  }
}

function semaphore(size: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finished task hands its slot to the next one waiting, so no newcomer slips in between.
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

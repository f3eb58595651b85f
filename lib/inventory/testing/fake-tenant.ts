import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A fake Power Platform tenant on 127.0.0.1 for the tests and the demo: environments, flows
// (a list without connectionReferences, each flow by id with them), connections with gateways
// and statuses, custom connectors and desktop flows, in the admin API shapes of
// docs/inventory/formats.md, with nextLink paging and a client-credentials token endpoint.
// A test switches on throttling (429 + Retry-After), slow answers and 5xx failures.

export interface FakeTenantOptions {
  environments?: number;
  flowsPerEnvironment?: number;
  pageSize?: number;
  seed?: number;
  clientId?: string;
  /** The secret the token endpoint accepts; a test passes the same through an environment variable. */
  clientSecret?: string;
  port?: number;
}

export interface Faults {
  /** Every nth data request answers 429 with Retry-After. */
  throttleEvery?: number;
  retryAfterSeconds?: number;
  /** Every nth data request answers failStatus (default 503). */
  failEvery?: number;
  failStatus?: number;
  /** Every answer waits this long. */
  delayMs?: number;
}

export interface FakeTenant {
  url: string;
  tenantId: string;
  faults: Faults;
  stats: {
    requests: number;
    throttled: number;
    failed: number;
    flowReads: Map<string, number>;
    tokens: number;
  };
  data: ReturnType<typeof generateTenant>;
  stop(): Promise<void>;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const CUSTOM = "shared_contoso-20invoicing-5fdd00e4805bfffb8f-5fbaee43593a7efda0";
const API = (name: string) => `/providers/Microsoft.PowerApps/apis/${name}`;

/** A deterministic tenant: the same options give the same ids. */
export function generateTenant(options: FakeTenantOptions) {
  const next = random(options.seed ?? 14);
  const tenantId = guid(next);
  const environments = Array.from({ length: options.environments ?? 2 }, (_, index) => {
    const name = index === 0 ? `Default-${tenantId}` : guid(next);
    const connections = [
      connection(name, "shared_office365", { status: "Connected" }, {}, null),
      connection(name, "shared_commondataserviceforapps", { status: "Connected" }, {}, null),
      connection(
        name,
        "shared_sql",
        { status: "Connected" },
        {
          gateway: {
            value: { id: `/providers/Microsoft.PowerApps/gateways/${guid(next)}`, name: "gw-headquarters" },
          },
        },
        "windowsAuthentication",
      ),
      connection(name, "shared_sql", { status: "Connected" }, {}, "sqlAuthentication"),
      connection(
        name,
        CUSTOM,
        { status: "Error", error: { code: "Unauthorized", message: "The API key was rejected." } },
        {},
        null,
      ),
      connection(
        name,
        "shared_uiflow",
        { status: "Connected" },
        { targetId: { value: "mg-finance-bots" } },
        "azureRelay",
      ),
    ];
    const flows = Array.from({ length: options.flowsPerEnvironment ?? 5 }, (_, flowIndex) => {
      const picked = connections.filter((_, at) => at === flowIndex % connections.length || next() < 0.3);
      const id = guid(next);
      return {
        name: id,
        id: `/providers/Microsoft.ProcessSimple/environments/${name}/flows/${id}`,
        type: "Microsoft.ProcessSimple/environments/flows",
        properties: {
          displayName: `Flow ${index + 1}.${flowIndex + 1}`,
          state: next() < 0.9 ? "Started" : "Stopped",
          createdTime: "2026-03-01T09:00:00Z",
          lastModifiedTime: "2026-11-20T14:30:00Z",
          environment: { name, id: `/providers/Microsoft.ProcessSimple/environments/${name}` },
          creator: { tenantId, objectId: guid(next), userType: "ActiveDirectory" },
          connectionReferences: Object.fromEntries(
            picked.map((picked) => [
              picked.properties.apiId.split("/").pop()!,
              {
                connectionName: picked.name,
                source: next() < 0.5 ? "Invoker" : "Embedded",
                id: picked.properties.apiId,
                displayName: picked.properties.displayName,
                tier: "Standard",
              },
            ]),
          ),
        },
      };
    });
    return {
      name,
      id: `/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${name}`,
      properties: {
        displayName: index === 0 ? "Contoso (default)" : `Environment ${index + 1}`,
        linkedEnvironmentMetadata: { instanceApiUrl: `dataverse/${name}` },
      },
      flows,
      connections,
      connectors: [
        {
          name: CUSTOM,
          id: API(CUSTOM),
          properties: {
            displayName: "Contoso Invoicing",
            isCustomApi: true,
            backendService: { serviceUrl: "https://invoicing.contoso.example/api" },
            connectionParameters: {
              api_key: { type: "securestring", uiDefinition: { displayName: "API key" } },
            },
          },
        },
      ],
      desktopFlows: [
        {
          workflowid: guid(next),
          name: "Download statements from the bank portal",
          category: 6,
          statecode: 1,
          ownerid: { azureactivedirectoryobjectid: guid(next), domainname: "alex.maker@contoso.example" },
        },
      ],
    };
  });
  function connection(
    environment: string,
    connector: string,
    status: Record<string, unknown>,
    values: Record<string, unknown>,
    set: string | null,
  ) {
    const name = `${connector.replace(/^shared_/, "shared-").slice(0, 20)}-${guid(next).slice(0, 8)}`;
    return {
      name,
      id: `${API(connector)}/connections/${name}`,
      properties: {
        apiId: API(connector),
        displayName: `${connector} connection`,
        statuses: [status],
        ...(set ? { connectionParametersSet: { name: set, values } } : { connectionParameters: values }),
        createdBy: { id: guid(next), userPrincipalName: "alex.maker@contoso.example", type: "User" },
        environment: { name: environment },
      },
    };
  }
  return { tenantId, environments };
}

export async function startFakeTenant(options: FakeTenantOptions = {}): Promise<FakeTenant> {
  const data = generateTenant(options);
  const pageSize = options.pageSize ?? 50;
  const clientId = options.clientId ?? "fake-client";
  const clientSecret = options.clientSecret ?? "fake-secret-for-tests";
  const tokens = new Set<string>();
  let counter = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: { code: "InternalError" } });
    });
  });
  const tenant: FakeTenant = {
    url: "",
    tenantId: data.tenantId,
    faults: {},
    stats: { requests: 0, throttled: 0, failed: 0, flowReads: new Map(), tokens: 0 },
    data,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  function page<T>(
    url: URL,
    items: T[],
    res: ServerResponse,
    link: "nextLink" | "@odata.nextLink" = "nextLink",
  ) {
    const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
    const value = items.slice(skip, skip + pageSize);
    const body: Record<string, unknown> = { value };
    if (skip + pageSize < items.length) {
      const nextUrl = new URL(url);
      nextUrl.searchParams.set("$skiptoken", String(skip + pageSize));
      body[link] = nextUrl.toString();
    }
    send(res, 200, body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", tenant.url);
    const faults = tenant.faults;
    if (faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (req.method === "POST" && url.pathname === `/${data.tenantId}/oauth2/v2.0/token`) {
      let body = "";
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      if (
        form.get("grant_type") !== "client_credentials" ||
        form.get("client_id") !== clientId ||
        form.get("client_secret") !== clientSecret
      )
        return send(res, 401, {
          error: "invalid_client",
          error_description: "AADSTS7000215: Invalid client secret.",
        });
      const token = `fake-token-${tokens.size + 1}`;
      tokens.add(token);
      tenant.stats.tokens += 1;
      return send(res, 200, { token_type: "Bearer", expires_in: 3599, access_token: token });
    }
    if (!tokens.has((req.headers.authorization ?? "").replace(/^Bearer /, "")))
      return send(res, 401, { error: { code: "InvalidAuthenticationToken" } });
    tenant.stats.requests += 1;
    counter += 1;
    if (faults.throttleEvery && counter % faults.throttleEvery === 0) {
      tenant.stats.throttled += 1;
      return send(
        res,
        429,
        { error: { code: "TooManyRequests" } },
        {
          "retry-after": String(faults.retryAfterSeconds ?? 1),
        },
      );
    }
    if (faults.failEvery && counter % faults.failEvery === 0) {
      tenant.stats.failed += 1;
      return send(res, faults.failStatus ?? 503, { error: { code: "ServiceUnavailable" } });
    }
    const path = url.pathname;
    if (path === "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments")
      return page(
        url,
        data.environments.map(
          ({ flows: _f, connections: _c, connectors: _k, desktopFlows: _d, ...environment }) => environment,
        ),
        res,
      );
    const match =
      /^\/providers\/Microsoft\.(ProcessSimple|PowerApps)\/scopes\/admin\/environments\/([^/]+)\/(.+)$/.exec(
        path,
      );
    const dataverse = /^\/dataverse\/([^/]+)\/api\/data\/v9\.2\/workflows$/.exec(path);
    const environment = data.environments.find(
      (candidate) => candidate.name === (match?.[2] ?? dataverse?.[1]),
    );
    if (!environment) return send(res, 404, { error: { code: "EnvironmentNotFound" } });
    if (dataverse) return page(url, environment.desktopFlows, res, "@odata.nextLink");
    const rest = match![3]!;
    if (match![1] === "ProcessSimple" && rest === "v2/flows")
      return page(
        url,
        environment.flows.map((flow) => {
          const { connectionReferences: _omitted, ...properties } = flow.properties;
          return { ...flow, properties };
        }),
        res,
      );
    const flowMatch = match![1] === "ProcessSimple" ? /^flows\/([^/]+)$/.exec(rest) : null;
    if (flowMatch) {
      const flow = environment.flows.find((candidate) => candidate.name === flowMatch[1]);
      if (!flow) return send(res, 404, { error: { code: "FlowNotFound" } });
      tenant.stats.flowReads.set(flow.name, (tenant.stats.flowReads.get(flow.name) ?? 0) + 1);
      return send(res, 200, flow);
    }
    if (match![1] === "PowerApps" && rest === "connections") return page(url, environment.connections, res);
    if (match![1] === "PowerApps" && rest === "apis") return page(url, environment.connectors, res);
    return send(res, 404, { error: { code: "NotFound" } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  tenant.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return tenant;
}

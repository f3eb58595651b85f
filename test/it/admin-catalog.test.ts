import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import ConnectorPage from "@/app/(app)/catalog/connectors/[id]/page";
import ConnectorsPage from "@/app/(app)/catalog/connectors/page";
import GatewayPage from "@/app/(app)/catalog/gateways/[id]/page";
import GatewaysPage from "@/app/(app)/catalog/gateways/page";
import * as connectorImpact from "@/app/api/v1/connectors/[id]/impact/route";
import * as connectorRevoke from "@/app/api/v1/connectors/[id]/revoke/route";
import * as connectorItem from "@/app/api/v1/connectors/[id]/route";
import * as connectors from "@/app/api/v1/connectors/route";
import * as gatewayImpact from "@/app/api/v1/gateways/[id]/impact/route";
import * as gatewayItem from "@/app/api/v1/gateways/[id]/route";
import * as gateways from "@/app/api/v1/gateways/route";
import { can, type Principal } from "@/lib/auth/permissions";
import { ConnectorDetailView } from "@/lib/catalog/components/connector-detail";
import { ConnectorList } from "@/lib/catalog/components/connector-list";
import { GatewayDetailView } from "@/lib/catalog/components/gateway-detail";
import { GatewayList } from "@/lib/catalog/components/gateway-list";
import { catalogKeys } from "@/lib/catalog/keys";
import { navigationFor } from "@/lib/navigation";
import { insertGateway } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { resetDatabase, rowCounts } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// ADMIN reads the connector and gateway catalog, as IT does, and changes nothing in it: the
// pages let ADMIN in and leave out their write controls, the API answers the pages' reads and
// refuses the writes. ADMIN reads the request queue too, and takes or decides nothing.

// The pages ask requirePageCaller for a permission; here it checks it against the caller of
// the test, as the real one does against the session's.
const page = vi.hoisted(() => ({ caller: null as Principal | null }));
vi.mock("@/lib/auth/server/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/server/session")>()),
  requirePageCaller: async (permission: Parameters<typeof can>[1] | readonly Parameters<typeof can>[1][]) => {
    const { canAny } = await import("@/lib/auth/permissions");
    const wanted = typeof permission === "string" ? [permission] : permission;
    if (!canAny(page.caller, wanted)) throw new Error("403: You don't have access");
    return page.caller;
  },
}));

let company: Company;
let gatewayId: string;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
  gatewayId = (await insertGateway({ name: "GW-FIN-01", adminIds: [company.it.id] })).id;
});

/** Every element of a server component's answer, depth first. */
function elements(node: ReactNode): ReactElement<Record<string, unknown>>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!isValidElement<Record<string, unknown>>(node)) return [];
  return [node, ...elements(node.props.children as ReactNode)];
}

const find = (node: ReactNode, type: unknown) => elements(node).find((element) => element.type === type);
const links = (node: ReactNode) => elements(node).map((element) => element.props.href);

describe("ADMIN and the catalog pages", () => {
  it("are in ADMIN's navigation, with the request queue", () => {
    const hrefs = navigationFor(company.admin.caller).flatMap((section) => section.items.map((i) => i.href));
    expect(hrefs).toEqual(expect.arrayContaining(["/catalog/connectors", "/catalog/gateways", "/queue"]));
    expect(can(company.admin.caller, "request:read:all")).toBe(true);
    expect(can(company.admin.caller, "request:decide")).toBe(false);
    expect(can(company.admin.caller, "catalog:read")).toBe(true);
    expect(can(company.admin.caller, "catalog:write")).toBe(false);
  });

  it("open for ADMIN without Add or Register; for IT with them; not for makers", async () => {
    const params = (id: string) => ({ params: Promise.resolve({ id }) });
    page.caller = company.admin.caller;
    const adminConnectors = await ConnectorsPage();
    expect(find(adminConnectors, ConnectorList)?.props.canWrite).toBe(false);
    expect(links(adminConnectors)).not.toContain("/catalog/connectors/new");
    const adminGateways = await GatewaysPage();
    expect(find(adminGateways, GatewayList)?.props.canWrite).toBe(false);
    expect(links(adminGateways)).not.toContain("/catalog/gateways/new");
    expect(find(await ConnectorPage(params(company.erpConnector.id)), ConnectorDetailView)?.props).toEqual({
      id: company.erpConnector.id,
      canWrite: false,
    });
    expect(find(await GatewayPage(params(gatewayId)), GatewayDetailView)?.props.canWrite).toBe(false);

    page.caller = company.it.caller;
    const itConnectors = await ConnectorsPage();
    expect(find(itConnectors, ConnectorList)?.props.canWrite).toBe(true);
    expect(links(itConnectors)).toContain("/catalog/connectors/new");
    expect(find(await GatewayPage(params(gatewayId)), GatewayDetailView)?.props.canWrite).toBe(true);

    for (const person of [company.maker, company.manager]) {
      page.caller = person.caller;
      await expect(ConnectorsPage()).rejects.toThrow(/403/);
      await expect(GatewayPage(params(gatewayId))).rejects.toThrow(/403/);
    }
  });

  it("a record's page shows edit, revoke and status change only to those who may write", async () => {
    const [connector, gateway] = await Promise.all([
      callRoute(connectorItem.GET, "GET", `/api/v1/connectors/${company.erpConnector.id}`, {
        token: company.admin.token,
        params: { id: company.erpConnector.id },
      }),
      callRoute(gatewayItem.GET, "GET", `/api/v1/gateways/${gatewayId}`, {
        token: company.admin.token,
        params: { id: gatewayId },
      }),
    ]);
    const render = (view: ReactElement) => {
      const client = new QueryClient();
      client.setQueryData(catalogKeys.connector(company.erpConnector.id), connector.body);
      client.setQueryData(catalogKeys.gateway(gatewayId), gateway.body);
      return renderToStaticMarkup(createElement(QueryClientProvider, { client }, view));
    };
    const connectorView = (canWrite: boolean) =>
      render(createElement(ConnectorDetailView, { id: company.erpConnector.id, canWrite }));
    const gatewayView = (canWrite: boolean) =>
      render(createElement(GatewayDetailView, { id: gatewayId, canWrite }));

    expect(connectorView(false)).toContain("SAP ERP");
    expect(connectorView(false)).not.toMatch(/Edit connector|Revoke/);
    expect(connectorView(true)).toMatch(/Edit connector[\s\S]*Revoke/);
    expect(gatewayView(false)).toContain("GW-FIN-01");
    expect(gatewayView(false)).not.toMatch(/Edit gateway|Change status/);
    expect(gatewayView(true)).toMatch(/Edit gateway[\s\S]*Change status/);
  });
});

describe("ADMIN and the catalog API", () => {
  it("answers the pages' reads", async () => {
    const token = company.admin.token;
    const connectorId = company.erpConnector.id;
    const reads = await Promise.all([
      callRoute(connectors.GET, "GET", "/api/v1/connectors", { token }),
      callRoute(connectorItem.GET, "GET", `/api/v1/connectors/${connectorId}`, {
        token,
        params: { id: connectorId },
      }),
      callRoute(gateways.GET, "GET", "/api/v1/gateways", { token }),
      callRoute(gatewayItem.GET, "GET", `/api/v1/gateways/${gatewayId}`, {
        token,
        params: { id: gatewayId },
      }),
    ]);
    expect(reads.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(reads[0]!.body.items.map((c: { id: string }) => c.id)).toContain(connectorId);
    expect(reads[2]!.body.items.map((g: { id: string }) => g.id)).toContain(gatewayId);
  });

  it("refuses every write, and what a write would do (403); nothing changes", async () => {
    const before = await rowCounts();
    const token = company.admin.token;
    const connectorId = company.erpConnector.id;
    const calls = [
      callRoute(connectors.POST, "POST", "/api/v1/connectors", {
        token,
        body: {
          name: "Workday",
          service: "workday",
          ownerTeam: "IT Integration",
          keyReference: "https://kv-integration.vault.azure.net/secrets/workday",
          keyExpiresAt: inDays(120).toISOString().slice(0, 10),
          sharedWith: "ALL",
        },
      }),
      callRoute(connectorItem.PATCH, "PATCH", `/api/v1/connectors/${connectorId}`, {
        token,
        params: { id: connectorId },
        body: { ownerTeam: "Someone else", version: 1 },
      }),
      callRoute(connectorRevoke.POST, "POST", `/api/v1/connectors/${connectorId}/revoke`, {
        token,
        params: { id: connectorId },
        body: { reason: "Not ADMIN's call", version: 1 },
      }),
      callRoute(connectorImpact.GET, "GET", `/api/v1/connectors/${connectorId}/impact?action=revoke`, {
        token,
        params: { id: connectorId },
      }),
      callRoute(gateways.POST, "POST", "/api/v1/gateways", {
        token,
        body: { name: "GW-NEW", cluster: "c", host: "gw-new.corp.example", region: "West Europe" },
      }),
      callRoute(gatewayItem.PATCH, "PATCH", `/api/v1/gateways/${gatewayId}`, {
        token,
        params: { id: gatewayId },
        body: { status: "OFFLINE", version: 1 },
      }),
      callRoute(gatewayImpact.GET, "GET", `/api/v1/gateways/${gatewayId}/impact?status=OFFLINE`, {
        token,
        params: { id: gatewayId },
      }),
    ];
    for (const answer of await Promise.all(calls)) expect(answer.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });
});

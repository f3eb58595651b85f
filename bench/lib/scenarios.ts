import type pg from "pg";
import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import { ZAutomationListQuery } from "@/lib/automations/schemas";
import { getAutomation } from "@/lib/automations/server/get-automation";
import { listAutomations } from "@/lib/automations/server/list-automations";
import { getDashboardDetails } from "@/lib/dashboard/server/get-dashboard-details";
import { getDashboardSummary } from "@/lib/dashboard/server/get-dashboard-summary";
import { encodeCursor } from "@/lib/http/cursor";
import { getProfile } from "@/lib/profile/server/get-profile";
import { ZRequestListQuery } from "@/lib/requests/schemas";
import { listRequests } from "@/lib/requests/server/requests";
import type { Account, Principal } from "./principals";

// The read scenarios: each an HTTP request as a person's browser (session cookie) or an
// integration (API token) sends it, and the service call whose SQL is the direct reference.

export interface Scenario {
  id: string;
  title: string;
  account: Account;
  auth: "session" | "token";
  path: string;
  /** Calls the endpoint's service function in this process (its statements are captured). */
  service: ((caller: Caller) => Promise<unknown>) | null;
  /** Why there is no service function to capture, when there is none. */
  note?: string;
}

export interface Fixtures {
  automationId: string;
  deepCursor: string;
  deepOffset: number;
}

/** A typical automation (4 systems, with requests) and a cursor 90 % of the way down the list. */
export async function loadFixtures(db: pg.Pool): Promise<Fixtures> {
  const sample = await db.query<{ id: string }>(
    `select a.id from automations a
      where a.status <> 'RETIRED'
        and (select count(*) from system_accesses s where s."automationId" = a.id) = 4
        and (select count(*) from requests r where r."automationId" = a.id) >= 2
      order by a.id limit 1`,
  );
  const total = (await db.query<{ n: number }>(`select count(*)::int as n from automations`)).rows[0]!.n;
  const deepOffset = Math.floor(total * 0.9);
  const deep = await db.query<{ createdAt: Date; id: string }>(
    `select "createdAt", id from automations order by "createdAt" desc, id desc offset $1 limit 1`,
    [deepOffset],
  );
  const row = deep.rows[0]!;
  return {
    automationId: sample.rows[0]!.id,
    deepCursor: encodeCursor(row.createdAt.toISOString(), row.id),
    deepOffset,
  };
}

export function readScenarios(fixtures: Fixtures): Scenario[] {
  const list = (query: Record<string, string>) => (caller: Caller) =>
    listAutomations({ caller, query: ZAutomationListQuery.parse(query) });
  return [
    {
      // Not a target: the floor of every signed-in request (session, the caller's one statement;
      // the profile is made of what that statement read, so its SQL is that statement).
      id: "me",
      title: "Signed-in floor: the caller's profile (GET /me)",
      account: "it",
      auth: "session",
      path: "/api/v1/me",
      service: async (caller) => {
        const reloaded = await loadCaller(caller.id, caller.via);
        if (!reloaded) throw new Error(`The benchmark's caller ${caller.email} is gone.`);
        return getProfile(reloaded);
      },
    },
    {
      id: "dashboard-company",
      title: "Dashboard summary, company scope",
      account: "it",
      auth: "session",
      path: "/api/v1/dashboard/summary",
      service: (caller) => getDashboardSummary({ caller }),
    },
    {
      id: "dashboard-details",
      title: "Dashboard details (charts, top blockers), company scope",
      account: "it",
      auth: "session",
      path: "/api/v1/dashboard/details",
      service: (caller) => getDashboardDetails({ caller }),
    },
    {
      id: "dashboard-manager",
      title: "Dashboard summary, one manager's 3 departments",
      account: "manager",
      auth: "session",
      path: "/api/v1/dashboard/summary",
      service: (caller) => getDashboardSummary({ caller }),
    },
    {
      id: "list-first",
      title: "Automations list, first page (all, 50)",
      account: "it",
      auth: "session",
      path: "/api/v1/automations",
      service: list({}),
    },
    {
      id: "list-filtered",
      title: "Automations list, filtered (BLOCKED desktop flows)",
      account: "it",
      auth: "session",
      path: "/api/v1/automations?status=BLOCKED&kind=DESKTOP_FLOW",
      service: list({ status: "BLOCKED", kind: "DESKTOP_FLOW" }),
    },
    {
      id: "list-deep",
      title: `Automations list, deep cursor page (row ${fixtures.deepOffset.toLocaleString("en")})`,
      account: "it",
      auth: "session",
      path: `/api/v1/automations?cursor=${fixtures.deepCursor}`,
      service: list({ cursor: fixtures.deepCursor }),
    },
    {
      id: "detail",
      title: "An automation's page data",
      account: "it",
      auth: "session",
      path: `/api/v1/automations/${fixtures.automationId}`,
      service: (caller) => getAutomation({ caller, id: fixtures.automationId }),
    },
    {
      id: "detail-token",
      title: "An automation's page data, with an API token",
      account: "it",
      auth: "token",
      path: `/api/v1/automations/${fixtures.automationId}`,
      service: (caller) => getAutomation({ caller, id: fixtures.automationId }),
    },
    {
      id: "queue",
      title: "Request queue (PENDING, IT)",
      account: "it",
      auth: "session",
      path: "/api/v1/requests?status=PENDING",
      service: (caller) => listRequests({ caller, query: ZRequestListQuery.parse({ status: "PENDING" }) }),
    },
  ];
}

export function authHeaders(principal: Principal, auth: Scenario["auth"]): Record<string, string> {
  return auth === "session" ? { cookie: principal.cookie } : { authorization: `Bearer ${principal.token}` };
}

export async function callerOf(principal: Principal): Promise<Caller> {
  const caller = await loadCaller(principal.userId, "session");
  if (!caller) throw new Error(`${principal.email} is not an active person`);
  return caller;
}

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { insertAutomation, insertConnector, insertGateway } from "@/lib/testing/factories";
import { scimTokenFor, tokenFor } from "@/test/support/credentials";
import { inDays } from "@/test/support/dates";
import { prisma, resetDatabase } from "@/test/support/db";
import { captureLogs } from "@/test/support/logs";
import {
  buildWorld,
  type Credential,
  credentialsFor,
  FAILING_PRINCIPALS,
  type Principal,
  ROLE_PRINCIPALS,
  type RolePrincipal,
  type World,
} from "@/test/support/principals";
import { APP_ORIGIN, type CallOptions, callRoute } from "@/test/support/route";

// Who may call what: every API route × every kind of caller, against a table written out by
// hand. Each role calls once with its API token and once with a browser session cookie.
// To cover a new route, add a row to ROUTES.
//
//   a number   exactly that status
//   "ALLOWED"  the guard lets the call through: not 401, 403 or 404 (what happens next —
//              200, 400, 409, 422 — is the route's own tests' business)
//   "DENIED"   403 (wrong role) or 404 (record outside the caller's scope)
// NONE (no credentials), EXPIRED_TOKEN and REVOKED_TOKEN expect 401 unless a row says otherwise.

type Expected = number | "ALLOWED" | "DENIED";

interface Fixtures extends World {
  otherMakerId: string;
  makerAutomationId: string;
  foreignAutomationId: string;
  makerRequestId: string;
  connectorId: string;
  hrDepartmentId: string;
  /** The identity provider's SCIM token (a service credential, no person's). */
  scimToken: string;
  /** A group provisioned over SCIM, with the HR maker as its member. */
  scimGroupId: string;
}

/** What a row calls: the path, and its parameters and body. */
interface Call extends Pick<CallOptions, "params" | "body" | "form"> {
  path: string;
}

interface RouteRow {
  route: `${"GET" | "POST" | "PUT" | "PATCH" | "DELETE"} ${string}`;
  load: () => Promise<Record<string, unknown>>;
  call: (fixtures: Fixtures, principal: Principal) => Promise<Call> | Call;
  expect: Record<RolePrincipal, Expected> & Partial<Record<(typeof FAILING_PRINCIPALS)[number], Expected>>;
  /** Differences when the role calls with a session cookie instead of a token. */
  viaSession?: Partial<Record<RolePrincipal, Expected>>;
}

const ALL = (status: Expected) => ({ MAKER: status, IT_APPROVER: status, MANAGER: status, ADMIN: status });
const ONLY = (roles: RolePrincipal[], allowed: Expected, others: Expected = 403) =>
  Object.fromEntries(
    ROLE_PRINCIPALS.map((role) => [role, roles.includes(role) ? allowed : others]),
  ) as Record<RolePrincipal, Expected>;

let counter = 0;
const unique = (label: string) => `${label} ${++counter}`;

/** An import of nothing, in the given status, made by the ADMIN. */
async function finishedImport(fixtures: Fixtures, status: "DONE" | "PREVIEW" = "DONE"): Promise<string> {
  const row = await prisma.inventoryImport.create({
    data: { source: "COE", status, createdById: fixtures.people.ADMIN.id },
    select: { id: true },
  });
  return row.id;
}

const ROUTES: RouteRow[] = [
  // --- Sign-in, profile, tokens (this issue) ---------------------------------------------
  {
    route: "GET /api/v1/me",
    load: () => import("@/app/api/v1/me/route"),
    call: () => ({ path: "/api/v1/me" }),
    expect: ALL(200),
  },
  {
    route: "GET /api/v1/departments",
    load: () => import("@/app/api/v1/departments/route"),
    call: () => ({ path: "/api/v1/departments" }),
    expect: ALL(200),
  },
  {
    route: "GET /api/v1/tokens",
    load: () => import("@/app/api/v1/tokens/route"),
    call: () => ({ path: "/api/v1/tokens" }),
    expect: ALL(200),
  },
  {
    route: "POST /api/v1/tokens",
    load: () => import("@/app/api/v1/tokens/route"),
    call: () => ({ path: "/api/v1/tokens", body: { name: unique("matrix"), expiresInDays: 7 } }),
    // A token may not mint tokens (a leak must not outlive its revocation); the page may.
    expect: ALL(403),
    viaSession: ALL(201),
  },
  {
    route: "POST /api/v1/tokens/{id}/revoke",
    load: () => import("@/app/api/v1/tokens/[id]/revoke/route"),
    call: async (fixtures, principal) => {
      // Each caller revokes a spare token of their own; a stranger's token would be a 404.
      const owner =
        principal in fixtures.people
          ? fixtures.people[principal as RolePrincipal].id
          : fixtures.people.ADMIN.id;
      const spare = await tokenFor(owner);
      const row = await prisma.apiToken.findUniqueOrThrow({ where: { prefix: spare.slice(0, 10) } });
      return { path: `/api/v1/tokens/${row.id}/revoke`, params: { id: row.id } };
    },
    expect: ALL(200),
  },
  {
    route: "POST /api/v1/tokens/{someone else's id}/revoke",
    load: () => import("@/app/api/v1/tokens/[id]/revoke/route"),
    call: async (fixtures) => {
      const spare = await tokenFor(fixtures.otherMakerId);
      const row = await prisma.apiToken.findUniqueOrThrow({ where: { prefix: spare.slice(0, 10) } });
      return { path: `/api/v1/tokens/${row.id}/revoke`, params: { id: row.id } };
    },
    expect: ALL(404),
  },
  // --- Administration (this issue) -----------------------------------------------------------
  {
    route: "GET /api/v1/admin/people",
    load: () => import("@/app/api/v1/admin/people/route"),
    call: () => ({ path: "/api/v1/admin/people?q=preflight" }),
    expect: ONLY(["ADMIN"], 200),
  },
  {
    route: "GET /api/v1/admin/people/{id}",
    load: () => import("@/app/api/v1/admin/people/[id]/route"),
    call: (fixtures) => ({
      path: `/api/v1/admin/people/${fixtures.otherMakerId}`,
      params: { id: fixtures.otherMakerId },
    }),
    expect: ONLY(["ADMIN"], 200),
  },
  {
    route: "PATCH /api/v1/admin/people/{id}",
    load: () => import("@/app/api/v1/admin/people/[id]/route"),
    call: (fixtures) => ({
      path: `/api/v1/admin/people/${fixtures.otherMakerId}`,
      params: { id: fixtures.otherMakerId },
      body: { departmentId: fixtures.sales.id },
    }),
    expect: ONLY(["ADMIN"], 200),
  },
  {
    route: "GET /api/v1/admin/departments",
    load: () => import("@/app/api/v1/admin/departments/route"),
    call: () => ({ path: "/api/v1/admin/departments" }),
    expect: ONLY(["ADMIN"], 200),
  },
  {
    route: "POST /api/v1/admin/departments",
    load: () => import("@/app/api/v1/admin/departments/route"),
    call: () => ({ path: "/api/v1/admin/departments", body: { name: unique("Department") } }),
    expect: ONLY(["ADMIN"], 201),
  },
  {
    route: "PATCH /api/v1/admin/departments/{id}",
    load: () => import("@/app/api/v1/admin/departments/[id]/route"),
    call: (fixtures) => ({
      path: `/api/v1/admin/departments/${fixtures.hrDepartmentId}`,
      params: { id: fixtures.hrDepartmentId },
      body: { name: unique("Human Resources") },
    }),
    expect: ONLY(["ADMIN"], 200),
  },
  // --- Inventory (issue #14) ---------------------------------------------------------------
  {
    route: "GET /api/v1/imports",
    load: () => import("@/app/api/v1/imports/route"),
    call: () => ({ path: "/api/v1/imports" }),
    expect: ONLY(["IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "POST /api/v1/imports",
    load: () => import("@/app/api/v1/imports/route"),
    call: () => {
      const form = new FormData();
      form.set("source", "PREFLIGHT_CSV");
      form.append(
        "file",
        new File(
          [`environment,flow_id,flow_name\nenv-matrix,${unique("flow").replace(" ", "-")},Matrix flow\n`],
          "a.csv",
        ),
      );
      return { path: "/api/v1/imports", form };
    },
    expect: ONLY(["IT_APPROVER", "ADMIN"], 201),
  },
  {
    route: "GET /api/v1/imports/{id}",
    load: () => import("@/app/api/v1/imports/[id]/route"),
    call: async (fixtures) => {
      const id = await finishedImport(fixtures);
      return { path: `/api/v1/imports/${id}`, params: { id } };
    },
    expect: ONLY(["IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "POST /api/v1/imports/{id}/apply",
    load: () => import("@/app/api/v1/imports/[id]/apply/route"),
    call: async (fixtures) => {
      const id = await finishedImport(fixtures);
      return { path: `/api/v1/imports/${id}/apply`, params: { id } };
    },
    // A finished import cannot be applied again: 409 past the guard.
    expect: ONLY(["IT_APPROVER", "ADMIN"], "ALLOWED"),
  },
  {
    route: "POST /api/v1/imports/{id}/cancel",
    load: () => import("@/app/api/v1/imports/[id]/cancel/route"),
    call: async (fixtures) => {
      const id = await finishedImport(fixtures, "PREVIEW");
      return { path: `/api/v1/imports/${id}/cancel`, params: { id } };
    },
    expect: ONLY(["IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "POST /api/v1/sync",
    load: () => import("@/app/api/v1/sync/route"),
    call: () => ({ path: "/api/v1/sync", body: { dryRun: true } }),
    // Not set up in the tests' environment: 422 past the guard.
    expect: ONLY(["IT_APPROVER", "ADMIN"], "ALLOWED"),
  },
  {
    route: "GET /api/v1/sync/runs",
    load: () => import("@/app/api/v1/sync/runs/route"),
    call: () => ({ path: "/api/v1/sync/runs" }),
    expect: ONLY(["IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "GET /api/v1/inventory/template",
    load: () => import("@/app/api/v1/inventory/template/route"),
    call: () => ({ path: "/api/v1/inventory/template" }),
    expect: ALL(200),
  },
  {
    route: "GET /api/v1/inventory/environments",
    load: () => import("@/app/api/v1/inventory/environments/route"),
    call: () => ({ path: "/api/v1/inventory/environments" }),
    expect: ONLY(["IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "PUT /api/v1/inventory/environments/{id}",
    load: () => import("@/app/api/v1/inventory/environments/[id]/route"),
    call: async (fixtures) => {
      await prisma.inventoryEnvironment.upsert({
        where: { id: "env-matrix" },
        create: { id: "env-matrix" },
        update: {},
      });
      return {
        path: "/api/v1/inventory/environments/env-matrix",
        params: { id: "env-matrix" },
        body: { departmentId: fixtures.hrDepartmentId },
      };
    },
    expect: ONLY(["IT_APPROVER", "ADMIN"], 200),
  },
  // --- SCIM provisioning (#17): the SCIM token only; people's credentials get SCIM's 401 ------
  ...(
    [
      ["GET /scim/v2/Users", () => import("@/app/scim/v2/Users/route"), "/scim/v2/Users", false],
      ["POST /scim/v2/Users", () => import("@/app/scim/v2/Users/route"), "/scim/v2/Users", false],
      ["GET /scim/v2/Users/{id}", () => import("@/app/scim/v2/Users/[id]/route"), "/scim/v2/Users", true],
      ["PUT /scim/v2/Users/{id}", () => import("@/app/scim/v2/Users/[id]/route"), "/scim/v2/Users", true],
      ["PATCH /scim/v2/Users/{id}", () => import("@/app/scim/v2/Users/[id]/route"), "/scim/v2/Users", true],
      ["DELETE /scim/v2/Users/{id}", () => import("@/app/scim/v2/Users/[id]/route"), "/scim/v2/Users", true],
      [
        "GET /scim/v2/ServiceProviderConfig",
        () => import("@/app/scim/v2/ServiceProviderConfig/route"),
        "/scim/v2/ServiceProviderConfig",
        false,
      ],
      ["GET /scim/v2/Schemas", () => import("@/app/scim/v2/Schemas/route"), "/scim/v2/Schemas", false],
      [
        "GET /scim/v2/ResourceTypes",
        () => import("@/app/scim/v2/ResourceTypes/route"),
        "/scim/v2/ResourceTypes",
        false,
      ],
      ["GET /scim/v2/Groups", () => import("@/app/scim/v2/Groups/route"), "/scim/v2/Groups", false],
      ["POST /scim/v2/Groups", () => import("@/app/scim/v2/Groups/route"), "/scim/v2/Groups", false],
      ["GET /scim/v2/Groups/{id}", () => import("@/app/scim/v2/Groups/[id]/route"), "/scim/v2/Groups", true],
      ["PUT /scim/v2/Groups/{id}", () => import("@/app/scim/v2/Groups/[id]/route"), "/scim/v2/Groups", true],
      [
        "PATCH /scim/v2/Groups/{id}",
        () => import("@/app/scim/v2/Groups/[id]/route"),
        "/scim/v2/Groups",
        true,
      ],
      [
        "DELETE /scim/v2/Groups/{id}",
        () => import("@/app/scim/v2/Groups/[id]/route"),
        "/scim/v2/Groups",
        true,
      ],
    ] as const
  ).map(
    ([route, load, path, byId]): RouteRow => ({
      route,
      load,
      call: (fixtures) => {
        const isGroup = path.endsWith("/Groups");
        const id = isGroup ? fixtures.scimGroupId : fixtures.otherMakerId;
        const name = unique("matrix").replace(" ", "-");
        const body = route.startsWith("PATCH ")
          ? {
              schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              Operations: [{ op: "replace", path: "displayName", value: name }],
            }
          : isGroup
            ? { displayName: name }
            : { userName: `${name}@example.com` };
        return {
          path: byId ? `${path}/${id}` : path,
          ...(byId ? { params: { id } } : {}),
          ...(route.startsWith("GET ") || route.startsWith("DELETE ") ? {} : { body }),
        };
      },
      expect: ALL(401),
    }),
  ),
  // --- SCIM tokens (#17): ADMIN, from the page only -----------------------------------------
  {
    route: "GET /api/v1/admin/scim-tokens",
    load: () => import("@/app/api/v1/admin/scim-tokens/route"),
    call: () => ({ path: "/api/v1/admin/scim-tokens" }),
    expect: ONLY(["ADMIN"], 200),
  },
  {
    route: "POST /api/v1/admin/scim-tokens",
    load: () => import("@/app/api/v1/admin/scim-tokens/route"),
    call: () => ({ path: "/api/v1/admin/scim-tokens", body: { name: unique("Entra") } }),
    // A personal token must not mint provisioning credentials; the page may.
    expect: ALL(403),
    viaSession: { ADMIN: 201 },
  },
  {
    route: "POST /api/v1/admin/scim-tokens/{id}/rotate",
    load: () => import("@/app/api/v1/admin/scim-tokens/[id]/rotate/route"),
    call: async () => {
      const id = await spareScimTokenId();
      return { path: `/api/v1/admin/scim-tokens/${id}/rotate`, params: { id } };
    },
    expect: ALL(403),
    viaSession: { ADMIN: 201 },
  },
  {
    route: "POST /api/v1/admin/scim-tokens/{id}/revoke",
    load: () => import("@/app/api/v1/admin/scim-tokens/[id]/revoke/route"),
    call: async () => {
      const id = await spareScimTokenId();
      return { path: `/api/v1/admin/scim-tokens/${id}/revoke`, params: { id } };
    },
    expect: ALL(403),
    viaSession: { ADMIN: 200 },
  },
  {
    route: "GET /api/v1/admin/scim-groups",
    load: () => import("@/app/api/v1/admin/scim-groups/route"),
    call: () => ({ path: "/api/v1/admin/scim-groups" }),
    expect: ONLY(["ADMIN"], 200),
  },
  {
    route: "PATCH /api/v1/admin/scim-groups/{id}",
    load: () => import("@/app/api/v1/admin/scim-groups/[id]/route"),
    call: (fixtures) => ({
      path: `/api/v1/admin/scim-groups/${fixtures.scimGroupId}`,
      params: { id: fixtures.scimGroupId },
      body: { role: "MAKER" },
    }),
    expect: ONLY(["ADMIN"], 200),
  },
  // --- Public --------------------------------------------------------------------------------
  {
    route: "GET /api/health",
    load: () => import("@/app/api/health/route"),
    call: () => ({ path: "/api/health" }),
    expect: ALL(200),
  },
  {
    route: "GET /api/health/ready",
    load: () => import("@/app/api/health/ready/route"),
    call: () => ({ path: "/api/health/ready" }),
    expect: ALL(200),
  },
  {
    // METRICS_TOKEN is not set here: the route does not exist, for anyone.
    route: "GET /api/metrics",
    load: () => import("@/app/api/metrics/route"),
    call: () => ({ path: "/api/metrics" }),
    expect: ALL(404),
  },
  {
    route: "GET /api/health/live",
    load: () => import("@/app/api/health/live/route"),
    call: () => ({ path: "/api/health/live" }),
    expect: ALL(200),
  },
  {
    route: "GET /api/v1/openapi.json",
    load: () => import("@/app/api/v1/openapi.json/route"),
    call: () => ({ path: "/api/v1/openapi.json" }),
    // Public, but a bad token is still reported rather than silently ignored.
    expect: { ...ALL(200), NONE: 200 },
  },
  // --- Automations, requests, catalog (API.md's "who" column) --------------------------------
  {
    route: "GET /api/v1/automations",
    load: () => import("@/app/api/v1/automations/route"),
    call: () => ({ path: "/api/v1/automations" }),
    expect: ALL(200),
  },
  {
    route: "POST /api/v1/automations",
    load: () => import("@/app/api/v1/automations/route"),
    call: () => ({
      path: "/api/v1/automations",
      body: {
        name: unique("Matrix flow"),
        description: "Created by the access matrix",
        kind: "CLOUD_FLOW",
        runMode: "ATTENDED",
        runAs: "The finance team",
        systems: [{ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }],
      },
    }),
    expect: ONLY(["MAKER"], "ALLOWED"),
  },
  {
    route: "GET /api/v1/automations/{own, Finance}",
    load: () => import("@/app/api/v1/automations/[id]/route"),
    call: (fixtures) => ({
      path: `/api/v1/automations/${fixtures.makerAutomationId}`,
      params: { id: fixtures.makerAutomationId },
    }),
    expect: ALL(200),
  },
  {
    route: "GET /api/v1/automations/{another maker's, HR}",
    load: () => import("@/app/api/v1/automations/[id]/route"),
    call: (fixtures) => ({
      path: `/api/v1/automations/${fixtures.foreignAutomationId}`,
      params: { id: fixtures.foreignAutomationId },
    }),
    expect: { MAKER: 404, MANAGER: 404, IT_APPROVER: 200, ADMIN: 200 },
  },
  {
    route: "PATCH /api/v1/automations/{own}",
    load: () => import("@/app/api/v1/automations/[id]/route"),
    call: async (fixtures) => {
      const id = await freshAutomation(fixtures);
      return {
        path: `/api/v1/automations/${id}`,
        params: { id },
        body: { version: 1, description: "Edited" },
      };
    },
    expect: ONLY(["MAKER"], "ALLOWED", "DENIED"),
  },
  {
    route: "POST /api/v1/automations/{own}/retire",
    load: () => import("@/app/api/v1/automations/[id]/retire/route"),
    call: async (fixtures) => {
      const id = await freshAutomation(fixtures);
      return { path: `/api/v1/automations/${id}/retire`, params: { id }, body: { version: 1 } };
    },
    expect: ONLY(["MAKER", "ADMIN"], "ALLOWED", "DENIED"),
  },
  {
    route: "POST /api/v1/automations/reassign",
    load: () => import("@/app/api/v1/automations/reassign/route"),
    call: (fixtures) => ({
      path: "/api/v1/automations/reassign",
      body: { automationIds: [fixtures.makerAutomationId], ownerEmail: fixtures.people.MAKER.email },
    }),
    // Past the guard: 200 within the manager's departments, 404 outside them.
    expect: ONLY(["MANAGER", "ADMIN"], "ALLOWED"),
  },
  {
    route: "POST /api/v1/automations/{own, imported}/confirm",
    load: () => import("@/app/api/v1/automations/[id]/confirm/route"),
    call: async (fixtures) => {
      const id = await freshAutomation(fixtures);
      await prisma.systemAccess.create({
        data: {
          automationId: id,
          name: "SharePoint",
          location: "CLOUD",
          signInMethod: "ENTRA_ID",
          inferred: true,
        },
      });
      return { path: `/api/v1/automations/${id}/confirm`, params: { id }, body: { version: 1 } };
    },
    // The owner only; IT and ADMIN read it but may not confirm for the owner.
    expect: ONLY(["MAKER"], 200, "DENIED"),
  },
  {
    route: "POST /api/v1/automations/{id}/prerequisites/{prerequisiteId}/review",
    load: () => import("@/app/api/v1/automations/[id]/prerequisites/[prerequisiteId]/review/route"),
    call: async (fixtures) => {
      // A maker's declaration (who runs it), satisfied and so open to IT's review.
      const automation = await insertAutomation({
        name: unique("Declared"),
        kind: "CLOUD_FLOW",
        runAs: "Finance clerks",
        ownerId: fixtures.maker.id,
        departmentId: fixtures.finance.id,
        systems: [{ name: "SharePoint", signInMethod: "ENTRA_ID" }],
      });
      const prerequisite = await prisma.prerequisite.findFirstOrThrow({
        where: { automationId: automation.id, key: "ENTRA_CONNECTION" },
      });
      return {
        path: `/api/v1/automations/${automation.id}/prerequisites/${prerequisite.id}/review`,
        params: { id: automation.id, prerequisiteId: prerequisite.id },
        body: { outcome: "VERIFIED" },
      };
    },
    expect: ONLY(["IT_APPROVER"], "ALLOWED"),
  },
  {
    route: "GET /api/v1/requests",
    load: () => import("@/app/api/v1/requests/route"),
    call: () => ({ path: "/api/v1/requests" }),
    expect: ALL(200),
  },
  {
    route: "POST /api/v1/requests",
    load: () => import("@/app/api/v1/requests/route"),
    call: (fixtures) => ({
      path: "/api/v1/requests",
      body: { type: "GATEWAY", automationId: fixtures.makerAutomationId, justification: "Access matrix" },
    }),
    expect: ONLY(["MAKER"], "ALLOWED"),
  },
  {
    route: "POST /api/v1/requests/{own}/withdraw",
    load: () => import("@/app/api/v1/requests/[id]/withdraw/route"),
    call: async (fixtures) => {
      const id = await freshRequest(fixtures);
      return { path: `/api/v1/requests/${id}/withdraw`, params: { id }, body: { version: 1 } };
    },
    expect: ONLY(["MAKER"], "ALLOWED", "DENIED"),
  },
  {
    route: "GET /api/v1/connectors",
    load: () => import("@/app/api/v1/connectors/route"),
    call: () => ({ path: "/api/v1/connectors" }),
    expect: ALL(200),
  },
  {
    route: "POST /api/v1/connectors/{id}/revoke",
    load: () => import("@/app/api/v1/connectors/[id]/revoke/route"),
    call: async () => {
      const { id } = await insertConnector({
        name: unique("Connector"),
        service: "sap-erp",
        keyExpiresAt: inDays(90),
      });
      return {
        path: `/api/v1/connectors/${id}/revoke`,
        params: { id },
        body: { reason: "Access matrix", version: 1 },
      };
    },
    expect: ONLY(["IT_APPROVER"], "ALLOWED"),
  },
  {
    route: "GET /api/v1/gateways",
    load: () => import("@/app/api/v1/gateways/route"),
    call: () => ({ path: "/api/v1/gateways" }),
    expect: ALL(200),
  },
  // --- IT: the queue, decisions, the catalog, notifications, audit (issue #5) ------------------
  {
    route: "GET /api/v1/requests/{own, Finance}",
    load: () => import("@/app/api/v1/requests/[id]/route"),
    call: (fixtures) => ({
      path: `/api/v1/requests/${fixtures.makerRequestId}`,
      params: { id: fixtures.makerRequestId },
    }),
    // ADMIN reads every request (and decides none).
    expect: ALL(200),
  },
  {
    route: "POST /api/v1/requests/{id}/decision",
    load: () => import("@/app/api/v1/requests/[id]/decision/route"),
    call: async (fixtures) => {
      const id = await freshRequest(fixtures);
      return {
        path: `/api/v1/requests/${id}/decision`,
        params: { id },
        body: { decision: "REJECT", reason: "Access matrix", version: 1 },
      };
    },
    expect: ONLY(["IT_APPROVER"], "ALLOWED"),
  },
  {
    route: "POST /api/v1/requests/{id}/assign",
    load: () => import("@/app/api/v1/requests/[id]/assign/route"),
    call: async (fixtures) => {
      const id = await freshRequest(fixtures);
      return { path: `/api/v1/requests/${id}/assign`, params: { id }, body: { version: 1 } };
    },
    expect: ONLY(["IT_APPROVER"], "ALLOWED"),
  },
  {
    route: "POST /api/v1/requests/{own, Finance}/comments",
    load: () => import("@/app/api/v1/requests/[id]/comments/route"),
    call: (fixtures) => ({
      path: `/api/v1/requests/${fixtures.makerRequestId}/comments`,
      params: { id: fixtures.makerRequestId },
      body: { body: "Access matrix" },
    }),
    // The manager and ADMIN may read along, not write.
    expect: { MAKER: 201, IT_APPROVER: 201, MANAGER: 403, ADMIN: 403 },
  },
  {
    route: "POST /api/v1/connectors",
    load: () => import("@/app/api/v1/connectors/route"),
    call: () => ({
      path: "/api/v1/connectors",
      body: {
        name: unique("Connector"),
        service: "workday",
        ownerTeam: "IT Integration",
        keyReference: "https://kv-integration.vault.azure.net/secrets/workday",
        keyExpiresAt: inDays(90).toISOString(),
        sharedWith: "ALL",
      },
    }),
    expect: ONLY(["IT_APPROVER"], 201),
  },
  {
    route: "GET /api/v1/connectors/{id}",
    load: () => import("@/app/api/v1/connectors/[id]/route"),
    call: (fixtures) => ({
      path: `/api/v1/connectors/${fixtures.connectorId}`,
      params: { id: fixtures.connectorId },
    }),
    expect: ALL(200),
  },
  {
    route: "PATCH /api/v1/connectors/{id}",
    load: () => import("@/app/api/v1/connectors/[id]/route"),
    call: async () => {
      const { id } = await insertConnector({
        name: unique("Connector"),
        service: "sap-erp",
        keyExpiresAt: inDays(90),
      });
      return { path: `/api/v1/connectors/${id}`, params: { id }, body: { version: 1, ownerTeam: "Matrix" } };
    },
    expect: ONLY(["IT_APPROVER"], "ALLOWED"),
  },
  {
    route: "GET /api/v1/connectors/{id}/impact",
    load: () => import("@/app/api/v1/connectors/[id]/impact/route"),
    call: (fixtures) => ({
      path: `/api/v1/connectors/${fixtures.connectorId}/impact?action=revoke`,
      params: { id: fixtures.connectorId },
    }),
    expect: ONLY(["IT_APPROVER"], 200),
  },
  {
    route: "POST /api/v1/gateways",
    load: () => import("@/app/api/v1/gateways/route"),
    call: () => ({
      path: "/api/v1/gateways",
      body: { name: unique("gw"), kind: "DATA_GATEWAY", cluster: "c", host: "h", region: "r" },
    }),
    expect: ONLY(["IT_APPROVER"], 201),
  },
  {
    route: "GET /api/v1/gateways/{id}",
    load: () => import("@/app/api/v1/gateways/[id]/route"),
    call: async () => {
      const { id } = await insertGateway({ name: unique("gw") });
      return { path: `/api/v1/gateways/${id}`, params: { id } };
    },
    expect: ALL(200),
  },
  {
    route: "PATCH /api/v1/gateways/{id}",
    load: () => import("@/app/api/v1/gateways/[id]/route"),
    call: async () => {
      const { id } = await insertGateway({ name: unique("gw") });
      return { path: `/api/v1/gateways/${id}`, params: { id }, body: { version: 1, status: "OFFLINE" } };
    },
    expect: ONLY(["IT_APPROVER"], "ALLOWED"),
  },
  {
    route: "GET /api/v1/gateways/{id}/impact",
    load: () => import("@/app/api/v1/gateways/[id]/impact/route"),
    call: async () => {
      const { id } = await insertGateway({ name: unique("gw") });
      return { path: `/api/v1/gateways/${id}/impact?status=OFFLINE`, params: { id } };
    },
    expect: ONLY(["IT_APPROVER"], 200),
  },
  {
    route: "GET /api/v1/notifications",
    load: () => import("@/app/api/v1/notifications/route"),
    call: () => ({ path: "/api/v1/notifications?unread=true" }),
    expect: ALL(200),
  },
  {
    route: "POST /api/v1/notifications/read",
    load: () => import("@/app/api/v1/notifications/read/route"),
    call: () => ({ path: "/api/v1/notifications/read", body: { all: true } }),
    expect: ALL(200),
  },
  {
    route: "GET /api/v1/audit",
    load: () => import("@/app/api/v1/audit/route"),
    call: () => ({ path: "/api/v1/audit" }),
    expect: ONLY(["IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "GET /api/v1/audit/export",
    load: () => import("@/app/api/v1/audit/export/route"),
    call: () => ({ path: "/api/v1/audit/export?action=request.approved" }),
    expect: ONLY(["IT_APPROVER", "ADMIN"], 200),
  },
  // --- Dashboards, drill-down, exports (issue #6) ---------------------------------------------
  {
    route: "GET /api/v1/dashboard/summary",
    load: () => import("@/app/api/v1/dashboard/summary/route"),
    call: () => ({ path: "/api/v1/dashboard/summary" }),
    expect: ONLY(["MANAGER", "IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "GET /api/v1/dashboard/summary?departmentId={HR, not managed}",
    load: () => import("@/app/api/v1/dashboard/summary/route"),
    call: (fixtures) => ({ path: `/api/v1/dashboard/summary?departmentId=${fixtures.hrDepartmentId}` }),
    expect: { MAKER: 403, MANAGER: 404, IT_APPROVER: 200, ADMIN: 200 },
  },
  {
    route: "GET /api/v1/dashboard/details",
    load: () => import("@/app/api/v1/dashboard/details/route"),
    call: () => ({ path: "/api/v1/dashboard/details" }),
    expect: ONLY(["MANAGER", "IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "GET /api/v1/people",
    load: () => import("@/app/api/v1/people/route"),
    call: () => ({ path: "/api/v1/people?q=a" }),
    expect: ONLY(["MANAGER", "IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "GET /api/v1/dashboard/leavers",
    load: () => import("@/app/api/v1/dashboard/leavers/route"),
    call: () => ({ path: "/api/v1/dashboard/leavers" }),
    expect: ONLY(["MANAGER", "IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "GET /api/v1/dashboard/leavers?departmentId={HR, not managed}",
    load: () => import("@/app/api/v1/dashboard/leavers/route"),
    call: (fixtures) => ({ path: `/api/v1/dashboard/leavers?departmentId=${fixtures.hrDepartmentId}` }),
    expect: { MAKER: 403, MANAGER: 404, IT_APPROVER: 200, ADMIN: 200 },
  },
  {
    route: "GET /api/v1/dashboard/leavers/export",
    load: () => import("@/app/api/v1/dashboard/leavers/export/route"),
    call: () => ({ path: "/api/v1/dashboard/leavers/export" }),
    expect: ONLY(["MANAGER", "IT_APPROVER", "ADMIN"], 200),
  },
  {
    route: "GET /api/v1/prerequisites",
    load: () => import("@/app/api/v1/prerequisites/route"),
    call: () => ({ path: "/api/v1/prerequisites" }),
    expect: ALL(200),
  },
  {
    route: "GET /api/v1/prerequisites/export",
    load: () => import("@/app/api/v1/prerequisites/export/route"),
    call: () => ({ path: "/api/v1/prerequisites/export" }),
    expect: ALL(200),
  },
  {
    route: "GET /api/v1/automations/export",
    load: () => import("@/app/api/v1/automations/export/route"),
    call: () => ({ path: "/api/v1/automations/export" }),
    expect: ALL(200),
  },
  {
    route: "GET /api/v1/requests/export",
    load: () => import("@/app/api/v1/requests/export/route"),
    call: () => ({ path: "/api/v1/requests/export" }),
    expect: ALL(200),
  },
];

/** A record of the maker's own in Finance, untouched by earlier calls (writes change state). */
async function freshAutomation(fixtures: Fixtures): Promise<string> {
  const row = await prisma.automation.create({
    data: {
      name: unique("Expense reporting"),
      kind: "CLOUD_FLOW",
      runMode: "ATTENDED",
      ownerId: fixtures.people.MAKER.id,
      departmentId: fixtures.finance.id,
    },
  });
  return row.id;
}

async function freshRequest(fixtures: Fixtures): Promise<string> {
  const row = await prisma.request.create({
    data: {
      type: "GATEWAY",
      requesterId: fixtures.people.MAKER.id,
      automationId: await freshAutomation(fixtures),
      departmentId: fixtures.finance.id,
      justification: "Needed",
    },
  });
  return row.id;
}

async function spareScimTokenId(): Promise<string> {
  const token = await scimTokenFor();
  return (await prisma.scimToken.findUniqueOrThrow({ where: { prefix: token.slice(0, 14) } })).id;
}

/**
 * The health probes and the metrics are not behind the API wrapper: they answer everyone the
 * same, whatever credentials they send (the metrics want their own token, not a user's).
 */
const IGNORES_CREDENTIALS = new Set([
  "GET /api/health",
  "GET /api/health/ready",
  "GET /api/health/live",
  "GET /api/metrics",
]);

async function createFixtures(): Promise<Fixtures> {
  const world = await buildWorld();
  const automation = (name: string, ownerId: string, departmentId: string) =>
    prisma.automation.create({
      data: { name, kind: "CLOUD_FLOW", runMode: "ATTENDED", ownerId, departmentId },
    });
  const own = await automation("Expense reporting", world.maker.id, world.finance.id);
  // In HR, which the manager does not manage.
  const foreign = await automation("Onboarding", world.hrMaker.id, world.hr.id);
  const request = await prisma.request.create({
    data: {
      type: "GATEWAY",
      requesterId: world.maker.id,
      automationId: own.id,
      departmentId: world.finance.id,
      justification: "Needed",
    },
  });
  return {
    ...world,
    otherMakerId: world.hrMaker.id,
    makerAutomationId: own.id,
    foreignAutomationId: foreign.id,
    makerRequestId: request.id,
    connectorId: world.erpConnector.id,
    hrDepartmentId: world.hr.id,
    scimToken: await scimTokenFor(),
    scimGroupId: (
      await prisma.scimGroup.create({
        data: { displayName: "Automation makers", members: { create: { userId: world.hrMaker.id } } },
      })
    ).id,
  };
}

function matches(expected: Expected, status: number): boolean {
  if (expected === "ALLOWED") return ![401, 403, 404].includes(status) && status < 500;
  if (expected === "DENIED") return status === 403 || status === 404;
  return status === expected;
}

const logged: string[] = [];
const consoleSpies = (["log", "info", "warn", "error"] as const).map((level) =>
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    logged.push(
      args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(" "),
    );
  }),
);
const structuredLogs = captureLogs();
const secrets = new Set<string>();

afterAll(() => {
  for (const spy of consoleSpies) spy.mockRestore();
  structuredLogs.restore();
});

describe.each(ROUTES)("$route", (row) => {
  const method = row.route.split(" ")[0]!;
  let fixtures: Fixtures;
  let handler: unknown;

  beforeAll(async () => {
    await resetDatabase();
    fixtures = await createFixtures();
    for (const person of Object.values(fixtures.people)) secrets.add(person.token.slice(10));
    secrets.add(fixtures.expiredToken.slice(10));
    secrets.add(fixtures.revokedToken.slice(10));
    handler = (await row.load())[method];
    expect(handler, `${row.route}: the route module exports ${method}`).toBeTypeOf("function");
  });

  afterAll(async () => {
    const audit = JSON.stringify(
      await prisma.auditEvent.findMany({
        select: { action: true, actorLabel: true, before: true, after: true },
      }),
    );
    for (const secret of secrets)
      expect(audit, `${row.route}: a token in the audit trail`).not.toContain(secret);
  });

  const cases: [Principal, Credential][] = [
    ...ROLE_PRINCIPALS.flatMap((role): [Principal, Credential][] => [
      [role, "token"],
      [role, "session"],
    ]),
    ...FAILING_PRINCIPALS.map((principal): [Principal, Credential] => [principal, "token"]),
  ];

  it.each(cases)("%s via %s", async (principal, via) => {
    // Routes that ignore credentials answer everyone what their row says for any role.
    const expected: Expected = IGNORES_CREDENTIALS.has(row.route)
      ? row.expect.MAKER
      : via === "session" && principal in (row.viaSession ?? {})
        ? row.viaSession![principal as RolePrincipal]!
        : ((row.expect as Record<string, Expected>)[principal] ?? 401);
    const { path, ...call } = await row.call(fixtures, principal);
    const answer = await callRoute(handler, method, path, {
      ...call,
      headers: credentialsFor(fixtures, principal, via),
    });
    // A CSV export is not JSON: its text is read here.
    const text = answer.text ?? (await answer.response.text());
    expect(
      matches(expected, answer.status),
      `${principal} via ${via}: expected ${expected}, got ${answer.status} ${text}`,
    ).toBe(true);
    // SCIM answers in its own error format (`detail`), the API in its own (`error.message`).
    if (answer.status === 401) expect(answer.body.error?.message ?? answer.body.detail).toBeTruthy();
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

describe("cross-origin writes with a session cookie", () => {
  // SCIM never reads a cookie: a session on /scim/v2 is a 401 (the matrix above), not a 403.
  const writes = ROUTES.filter((row) => !row.route.startsWith("GET ") && !row.route.includes(" /scim/"));
  let fixtures: Fixtures;

  beforeAll(async () => {
    await resetDatabase();
    fixtures = await createFixtures();
  });

  it.each(writes.map((row) => [row.route, row] as const))("%s → 403", async (_route, row) => {
    const method = row.route.split(" ")[0]!;
    const handler = (await row.load())[method];
    for (const role of ROLE_PRINCIPALS) {
      const { path, ...call } = await row.call(fixtures, role);
      for (const hostile of [
        { origin: "https://evil.example" },
        { "sec-fetch-site": "cross-site" },
        {},
      ] as Record<string, string>[]) {
        const answer = await callRoute(handler, method, path, {
          ...call,
          headers: { cookie: fixtures.people[role].sessionCookie, ...hostile },
        });
        expect(answer.status, `${role} ${JSON.stringify(hostile)}`).toBe(403);
        expect(answer.body.error.message).toBe("Cross-origin request refused.");
      }
    }
  });

  it("a bearer token needs no Origin: it is not sent by browsers on their own", async () => {
    const { GET } = await import("@/app/api/v1/me/route");
    const answer = await callRoute(GET, "GET", "/api/v1/me", {
      headers: { authorization: `Bearer ${fixtures.people.MAKER.token}`, origin: "https://evil.example" },
    });
    expect(answer.status).toBe(200);
  });

  it("a same-origin write names the app's own origin", async () => {
    const { POST } = await import("@/app/api/v1/tokens/route");
    const answer = await callRoute(POST, "POST", "/api/v1/tokens", {
      headers: { cookie: fixtures.people.MAKER.sessionCookie, origin: APP_ORIGIN },
      body: { name: "From the page", expiresInDays: 30 },
    });
    expect(answer.status, answer.text).toBe(201);
  });
});

describe("the SCIM token", () => {
  let fixtures: Fixtures;

  beforeAll(async () => {
    await resetDatabase();
    fixtures = await createFixtures();
    secrets.add(fixtures.scimToken.slice(14));
    // The person the SCIM rows name by id, as provisioned (SCIM answers 404 for anyone else).
    await prisma.user.update({
      where: { id: fixtures.otherMakerId },
      data: { scimUserName: "provisioned@example.com" },
    });
  });

  // It opens SCIM and nothing else: every /api route refuses it as it refuses no credentials.
  it.each(ROUTES.map((row) => [row.route, row] as const))("%s", async (_route, row) => {
    const method = row.route.split(" ")[0]!;
    const handler = (await row.load())[method];
    const { path, ...call } = await row.call(fixtures, "ADMIN");
    const answer = await callRoute(handler, method, path, {
      ...call,
      headers: { authorization: `Bearer ${fixtures.scimToken}` },
    });
    const text = answer.text ?? (await answer.response.text());
    const expected: Expected = IGNORES_CREDENTIALS.has(row.route)
      ? row.expect.ADMIN
      : row.route.includes(" /scim/")
        ? "ALLOWED"
        : 401;
    expect(matches(expected, answer.status), `expected ${expected}, got ${answer.status} ${text}`).toBe(true);
    expect(text).not.toContain(fixtures.scimToken.slice(14));
  });
});

describe("secrets", () => {
  it("no token value reached the logs", () => {
    expect(secrets.size).toBeGreaterThan(0);
    // Every call was logged (a line per request), and none holds a token.
    expect(structuredLogs.lines.length).toBeGreaterThan(ROUTES.length);
    for (const secret of secrets)
      for (const line of [...logged, ...structuredLogs.lines]) expect(line).not.toContain(secret);
  });
});

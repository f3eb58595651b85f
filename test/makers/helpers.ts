import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import {
  type Caller,
  hashToken,
  loadCaller,
  TOKEN_DISPLAY_LENGTH,
  TOKEN_PREFIX,
} from "@/lib/auth/server/caller";
import type { Role } from "@/lib/generated/prisma/enums";
import { insertConnector, insertDepartment, insertUser } from "@/lib/testing/factories";
import { pool, prisma } from "@/test/support/db";

// Shared by the makers' API tests: a small company, API tokens, and a way to call route
// handlers as Next would, with a bearer token.

type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface Person {
  id: string;
  email: string;
  token: string;
  caller: Caller;
}

/** Inserts an API token for the user, the way `npm run token` stores one: only its hash. */
export async function tokenFor(userId: string): Promise<string> {
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  await prisma.apiToken.create({
    data: { userId, name: "test", prefix: token.slice(0, TOKEN_DISPLAY_LENGTH), hash: hashToken(token) },
  });
  return token;
}

async function person(email: string, departmentId: string | null, roles: Role[], manages: string[] = []) {
  const user = await insertUser({ email, departmentId, roles, manages });
  return {
    id: user.id,
    email: user.email,
    token: await tokenFor(user.id),
    caller: (await loadCaller(user.id, "token"))!,
  } satisfies Person;
}

export async function seedCompany() {
  const finance = await insertDepartment("Finance");
  const sales = await insertDepartment("Sales");
  const maker = await person("mia.maker@preflight.test", finance.id, ["MAKER"]);
  const colleague = await person("fiona.finance@preflight.test", finance.id, ["MAKER"]);
  const salesMaker = await person("sam.sales@preflight.test", sales.id, ["MAKER"]);
  const manager = await person("maya.manager@preflight.test", finance.id, ["MANAGER"], [finance.id]);
  const it = await person("ivan.it@preflight.test", null, ["IT_APPROVER"]);
  const it2 = await person("theo.it@preflight.test", null, ["IT_APPROVER"]);
  const admin = await person("ada.admin@preflight.test", null, ["ADMIN"]);
  await insertUser({ email: "gone.it@preflight.test", roles: ["IT_APPROVER"], active: false });
  const erpConnector = await insertConnector({
    name: "SAP ERP",
    service: "sap-erp",
    keyExpiresAt: new Date(Date.now() + 200 * 86_400_000),
    keyReference: "https://kv-integration.vault.azure.net/secrets/sap-erp",
  });
  return { finance, sales, maker, colleague, salesMaker, manager, it, it2, admin, erpConnector };
}

export type Company = Awaited<ReturnType<typeof seedCompany>>;

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
}

export interface CallResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected loosely
  body: any;
  text: string;
}

/** Calls a route handler with a NextRequest, as Next does. */
export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  if (hasBody) headers["content-type"] = "application/json";
  const request = new NextRequest(`http://localhost:3000${path}`, {
    method,
    headers,
    body: hasBody ? (options.rawBody ?? JSON.stringify(options.body)) : undefined,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text } satisfies CallResult;
}

/** Row counts of the tables a refused write must leave untouched. */
export async function rowCounts() {
  const { rows } = await pool().query<Record<string, string>>(`
    select (select count(*) from automations) as automations,
           (select count(*) from system_accesses) as systems,
           (select count(*) from prerequisites) as prerequisites,
           (select count(*) from requests) as requests,
           (select count(*) from notifications) as notifications,
           (select count(*) from audit_events) as audit`);
  return rows[0]!;
}

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/** API.md's expense-reporting example, with every sign-in method the wizard offers for it. */
export function expenseReporting(ownerEmail = "fiona.finance@preflight.test") {
  return {
    name: "Expense reporting",
    description: "Reconciles card statements from online banking into the expense system",
    kind: "CLOUD_FLOW",
    runMode: "ATTENDED",
    runAs: "Finance team (Entra group)",
    systems: [
      {
        name: "Online banking",
        location: "CLOUD",
        signInMethod: "USERNAME_PASSWORD",
        sso: false,
        credentialReference: {
          store: "AZURE_KEY_VAULT",
          name: "kv-finance/banking-bot",
          owner: ownerEmail,
          rotatesAt: inDays(120).toISOString().slice(0, 10),
        },
      },
      { name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" },
      { name: "ERP", location: "ON_PREMISES", signInMethod: "SHARED_KEY", service: "SAP-ERP " },
    ],
  };
}

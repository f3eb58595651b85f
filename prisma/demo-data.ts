import { DEMO_ACCOUNTS, demoExternalId } from "@/lib/auth/demo-accounts";
import type { TDataSource } from "@/lib/catalog/schemas";
import { takeOutstandingSnapshot } from "@/lib/dashboard/server/take-snapshot";
import { pool, prisma } from "@/lib/db";
import { ZConnectorRequestDetails, ZGatewayRequestDetails } from "@/lib/requests/schemas";
import {
  type AutomationSpec,
  insertAutomation,
  insertConnector,
  insertDepartment,
  insertGateway,
  insertRequest,
  insertReview,
  insertUser,
  type SystemSpec,
} from "@/lib/testing/factories";

// The demo company: five departments, the demo accounts plus a few colleagues, about
// thirty automations of every kind and sign-in method (the seed's expense-reporting example
// first), connectors and gateways in every status, and requests pending, approved, rejected.

const DAY = 86_400_000;

export const DEMO_DEPARTMENTS = ["Finance", "HR", "Sales", "Operations", "IT"] as const;
type DemoDepartment = (typeof DEMO_DEPARTMENTS)[number];
/** Every demo address ends so; a database holding other people is not a demo database. */
export const DEMO_EMAIL_DOMAIN = "@preflight.test";

/** What the parts of the demo refer to: the day it is loaded, its departments and people. */
interface Demo {
  now: Date;
  /** `days` from now (negative: ago). */
  at: (days: number) => Date;
  dept: (name: DemoDepartment) => string;
  person: (email: string) => string;
}

interface DemoGateways {
  europe: string;
  machines: string;
  us: string;
}

export async function loadDemoData(now = new Date()): Promise<{ automations: number }> {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const dept = await insertDemoDepartments();
  const person = await insertDemoPeople(dept);
  const demo: Demo = { now, at, dept, person };
  await insertDemoConnectors(demo);
  const gateways = await insertDemoGateways(demo);
  const specs = demoAutomations({ ...demo, gateways });
  const automations = await insertDemoAutomations(specs, demo);
  await insertDemoRequests(automations, demo);
  await insertDemoReviews(automations, demo);
  await backfillOutstandingTrend(now);
  return { automations: specs.length };
}

async function insertDemoDepartments(): Promise<Demo["dept"]> {
  const departments = new Map<string, string>();
  for (const name of DEMO_DEPARTMENTS) departments.set(name, (await insertDepartment(name)).id);
  return (name) => departments.get(name)!;
}

const DEMO_COLLEAGUES = [
  { email: "hana.hr@preflight.test", name: "Hana HR", department: "HR" },
  { email: "omar.ops@preflight.test", name: "Omar Operations", department: "Operations" },
  { email: "fiona.finance@preflight.test", name: "Fiona Finance", department: "Finance" },
] as const;

/** The demo accounts (who can sign in), their maker colleagues and a second IT approver. */
async function insertDemoPeople(dept: Demo["dept"]): Promise<Demo["person"]> {
  const people = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await insertUser({
      email: account.email,
      name: account.name,
      departmentId: dept(account.department as DemoDepartment),
      roles: account.roles,
      manages: account.managedDepartments.map((name) => dept(name as DemoDepartment)),
      externalId: demoExternalId(account),
    });
    people.set(account.email, user.id);
  }
  for (const colleague of DEMO_COLLEAGUES) {
    const user = await insertUser({
      ...colleague,
      departmentId: dept(colleague.department),
      roles: ["MAKER"],
    });
    people.set(colleague.email, user.id);
  }
  const theo = await insertUser({
    email: "theo.it@preflight.test",
    name: "Theo IT",
    departmentId: dept("IT"),
    roles: ["IT_APPROVER"],
  });
  people.set(theo.email, theo.id);
  return (email) => people.get(email)!;
}

/** Connectors in every status and kind of sharing, expiring at every distance. */
async function insertDemoConnectors({ at, dept, person }: Demo): Promise<void> {
  const itId = person("it@preflight.test");
  const theoId = person("theo.it@preflight.test");
  await insertConnector({
    name: "ServiceNow",
    service: "servicenow",
    // Added by Ivan: what it satisfies reads "Approved by Ivan"; the others, "by IT".
    createdById: itId,
    keyExpiresAt: at(200),
    ownerId: itId,
    api: {
      vendor: "ServiceNow",
      baseUrl: "https://preflight.service-now.example.com/api/now/v2",
      authScheme: "OAUTH2_CLIENT_CREDENTIALS",
      scopes: ["incident.read", "incident.write", "cmdb_ci.read"],
      dataClassification: "INTERNAL",
    },
  });
  await insertConnector({
    name: "Workday (Finance and HR)",
    service: "workday",
    keyExpiresAt: at(20),
    sharing: "DEPARTMENTS",
    departmentIds: [dept("Finance"), dept("HR")],
    ownerId: itId,
    api: {
      vendor: "Workday",
      baseUrl: "https://wd3-services1.workday.example.com/ccx/api/v1/preflight",
      authScheme: "OAUTH2_CLIENT_CREDENTIALS",
      scopes: ["Staffing (read)", "Payroll (read)", "Time Tracking (read)"],
      dataClassification: "CONFIDENTIAL",
    },
  });
  await insertConnector({
    name: "Salesforce",
    service: "salesforce",
    keyExpiresAt: at(5),
    ownerId: theoId,
    api: {
      vendor: "Salesforce",
      baseUrl: "https://preflight.my.salesforce.example.com/services/data/v60.0",
      authScheme: "OAUTH2_CLIENT_CREDENTIALS",
      scopes: ["api", "refresh_token"],
      dataClassification: "CONFIDENTIAL",
    },
  });
  await insertConnector({
    name: "Adobe Sign",
    service: "adobe-sign",
    keyExpiresAt: at(60),
    ownerId: itId,
    api: {
      vendor: "Adobe",
      baseUrl: "https://api.eu1.adobesign.example.com/api/rest/v6",
      authScheme: "BEARER_TOKEN",
      scopes: ["agreement_read", "agreement_write", "agreement_send"],
      dataClassification: "CONFIDENTIAL",
    },
  });
  await insertConnector({
    name: "Legacy CRM",
    service: "legacy-crm",
    keyExpiresAt: at(90),
    status: "REVOKED",
  });
  await insertConnector({ name: "DocuSign", service: "docusign", keyExpiresAt: at(-3), status: "EXPIRED" });
}

/** What each demo gateway serves, as approved gateway requests left it. */
const DEMO_DATA_SOURCES = {
  europe: [
    {
      type: "SAP",
      server: "sap-erp-01.corp.preflight.test",
      database: "PRD client 100",
      environment: "PRODUCTION",
    },
    {
      type: "SAP",
      server: "sap-erp-qa.corp.preflight.test",
      database: "QAS client 200",
      environment: "TEST",
    },
    {
      type: "WEB_APPLICATION",
      server: "fleet.corp.preflight.test",
      database: "/maintenance",
      environment: "PRODUCTION",
    },
    {
      type: "FILE_SHARE",
      server: "fs-sales-01.corp.preflight.test",
      database: "\\\\fs-sales-01\\tradefair\\leads",
      environment: "PRODUCTION",
    },
  ],
  machines: [
    {
      type: "SQL_SERVER",
      server: "sql-payroll-01.corp.preflight.test\\PAYROLL",
      database: "PayrollDB",
      environment: "PRODUCTION",
    },
    {
      type: "DESKTOP_APPLICATION",
      server: "fin-rpa-01.corp.preflight.test",
      database: "Payroll client 7.4",
      environment: "PRODUCTION",
    },
  ],
  us: [
    {
      type: "SQL_SERVER",
      server: "sql-travel-01.us.corp.preflight.test",
      database: "TravelAudit",
      environment: "PRODUCTION",
    },
  ],
  legacy: [
    {
      type: "ORACLE",
      server: "ora-crm-01.corp.preflight.test:1521",
      database: "CRMPROD",
      environment: "PRODUCTION",
    },
  ],
} satisfies Record<string, TDataSource[]>;

async function insertDemoGateways({ person }: Demo): Promise<DemoGateways> {
  const itId = person("it@preflight.test");
  const europe = await insertGateway({
    name: "gw-eu-west-1",
    region: "West Europe",
    adminIds: [itId],
    dataSources: DEMO_DATA_SOURCES.europe,
  });
  const machines = await insertGateway({
    name: "Finance desktops",
    kind: "MACHINE_GROUP",
    region: "West Europe",
    adminIds: [itId],
    dataSources: DEMO_DATA_SOURCES.machines,
  });
  const us = await insertGateway({
    name: "gw-us-east-2",
    region: "East US",
    status: "OFFLINE",
    dataSources: DEMO_DATA_SOURCES.us,
  });
  await insertGateway({
    name: "gw-legacy-01",
    region: "North Europe",
    status: "DECOMMISSIONED",
    dataSources: DEMO_DATA_SOURCES.legacy,
  });
  return { europe: europe.id, machines: machines.id, us: us.id };
}

// ---------------------------------------------------------------------------------------
// Automations, registered one a day from 60 days ago on, in this order
// ---------------------------------------------------------------------------------------

type DemoWithGateways = Demo & { gateways: DemoGateways };

const sharePoint: SystemSpec = { name: "SharePoint", signInMethod: "ENTRA_ID" };
const outlook: SystemSpec = { name: "Outlook", signInMethod: "ENTRA_ID" };
const erp: SystemSpec = {
  name: "ERP",
  location: "ON_PREMISES",
  signInMethod: "SHARED_KEY",
  service: "sap-erp",
};

/** A credential kept in Azure Key Vault, rotated `days` from now. */
const vault = ({ at }: Demo, name: string, owner: string, days = 120) => ({
  store: "AZURE_KEY_VAULT" as const,
  name,
  owner,
  rotatesAt: at(days),
});

/** Owner and department of an automation. */
const ownedBy = ({ dept, person }: Demo, email: string, department: DemoDepartment) => ({
  departmentId: dept(department),
  ownerId: person(email),
});

function demoAutomations(c: DemoWithGateways): AutomationSpec[] {
  return [
    ...financeAutomations(c),
    ...fionasAutomations(c),
    ...salesAutomations(c),
    ...hrAutomations(c),
    ...operationsAutomations(c),
    ...operationsSiteAutomations(c),
    ...latestAutomations(c),
  ];
}

/** Mia's, in Finance: the expense-reporting example first. */
function financeAutomations(c: DemoWithGateways): AutomationSpec[] {
  const finance = ownedBy(c, "maker@preflight.test", "Finance");
  return [
    {
      ...finance,
      name: "Expense reporting",
      description: "Reconciles card statements from online banking into the expense system",
      kind: "CLOUD_FLOW",
      systems: [{ name: "Online banking", signInMethod: "USERNAME_PASSWORD" }, sharePoint, erp],
    },
    {
      ...finance,
      name: "Invoice approval reminders",
      kind: "CLOUD_FLOW",
      runAs: "Finance approvers (Entra group)",
      systems: [outlook, sharePoint],
    },
    {
      ...finance,
      name: "Month-end close checklist",
      kind: "CLOUD_FLOW",
      runMode: "UNATTENDED",
      runAs: "svc-finance-close",
      systems: [{ name: "Workday", signInMethod: "SHARED_KEY", service: "workday" }, sharePoint],
    },
    {
      ...finance,
      name: "Bank statement download",
      kind: "DESKTOP_FLOW",
      runMode: "UNATTENDED",
      gatewayId: c.gateways.machines,
      // Where it runs, recorded (and verified by IT below).
      machine: "Finance desktops",
      windowsAccount: "CORP\\svc-bank-bot",
      windowsAccountType: "SERVICE",
      systems: [
        {
          name: "Online banking",
          signInMethod: "USERNAME_PASSWORD",
          credential: vault(c, "kv-finance/banking-bot", "fiona.finance@preflight.test"),
        },
        {
          name: "Finance PC",
          location: "ON_PREMISES",
          signInMethod: "WINDOWS",
          machineGroup: "Finance desktops",
          windowsAccount: "CORP\\svc-bank-bot",
          windowsAccountType: "SERVICE",
        },
      ],
    },
  ];
}

/** Fiona's, in Finance. */
function fionasAutomations(c: DemoWithGateways): AutomationSpec[] {
  const fiona = ownedBy(c, "fiona.finance@preflight.test", "Finance");
  return [
    {
      ...fiona,
      name: "Vendor master data sync",
      kind: "API_INTEGRATION",
      runMode: "UNATTENDED",
      runAs: "sp-vendor-sync",
      systems: [erp, { name: "ServiceNow", signInMethod: "SHARED_KEY", service: "servicenow" }],
    },
    {
      ...fiona,
      name: "Travel booking audit",
      kind: "WEBSITE_AUTOMATION",
      gatewayId: c.gateways.us,
      systems: [{ name: "Travel portal", signInMethod: "USERNAME_PASSWORD", sso: true }],
    },
    {
      ...fiona,
      name: "Payment run approvals",
      kind: "CLOUD_FLOW",
      runAs: "Treasury team",
      systems: [{ name: "Adobe Sign", signInMethod: "SHARED_KEY", service: "adobe-sign" }, outlook],
    },
    {
      ...fiona,
      name: "Old CRM invoice export",
      kind: "API_INTEGRATION",
      runMode: "UNATTENDED",
      runAs: "sp-crm-export",
      systems: [{ name: "Legacy CRM", signInMethod: "SHARED_KEY", service: "legacy-crm" }],
    },
  ];
}

/** Sam's, in Sales. */
function salesAutomations(c: DemoWithGateways): AutomationSpec[] {
  const sales = ownedBy(c, "sam.sales@preflight.test", "Sales");
  return [
    {
      ...sales,
      name: "Lead routing",
      kind: "CLOUD_FLOW",
      runAs: "Sales team",
      systems: [{ name: "Salesforce", signInMethod: "SHARED_KEY", service: "salesforce" }, outlook],
    },
    {
      ...sales,
      name: "Quote PDF generation",
      kind: "CLOUD_FLOW",
      systems: [{ name: "DocuSign", signInMethod: "SHARED_KEY", service: "docusign" }, sharePoint],
    },
    {
      ...sales,
      name: "Competitor price scraping",
      kind: "WEBSITE_AUTOMATION",
      systems: [{ name: "Market portal", signInMethod: "USERNAME_PASSWORD" }],
    },
    {
      ...sales,
      name: "Trade fair lead import",
      kind: "DESKTOP_FLOW",
      gatewayId: c.gateways.europe,
      // Attended: Sam's own account will do while he is signed in.
      machine: "SALES-LT-017",
      windowsAccount: "CORP\\sam.sales",
      windowsAccountType: "PERSONAL",
      systems: [
        {
          name: "Sales laptop",
          location: "ON_PREMISES",
          signInMethod: "WINDOWS",
          machineGroup: "Sales laptops",
          windowsAccount: "CORP\\sam.sales",
          windowsAccountType: "PERSONAL",
        },
        { name: "Salesforce", signInMethod: "SHARED_KEY", service: "salesforce" },
      ],
    },
    {
      ...sales,
      name: "Commission statements",
      kind: "CLOUD_FLOW",
      runMode: "UNATTENDED",
      runAs: "svc-sales-reports",
      systems: [{ name: "Workday", signInMethod: "SHARED_KEY", service: "workday" }, outlook],
    },
  ];
}

/** Hana's, in HR. */
function hrAutomations(c: DemoWithGateways): AutomationSpec[] {
  const hr = ownedBy(c, "hana.hr@preflight.test", "HR");
  return [
    {
      ...hr,
      name: "New starter onboarding",
      kind: "CLOUD_FLOW",
      runAs: "HR partners",
      systems: [{ name: "Workday", signInMethod: "SHARED_KEY", service: "workday" }, outlook, sharePoint],
    },
    {
      ...hr,
      name: "Payroll variance check",
      kind: "DESKTOP_FLOW",
      runMode: "UNATTENDED",
      gatewayId: c.gateways.machines,
      systems: [
        {
          name: "Payroll client",
          location: "ON_PREMISES",
          signInMethod: "WINDOWS",
          machineGroup: "HR desktops",
          windowsAccount: "CORP\\svc-payroll",
          windowsAccountType: "SERVICE",
        },
        {
          name: "Payroll",
          location: "ON_PREMISES",
          signInMethod: "USERNAME_PASSWORD",
          credential: {
            store: "CYBERARK",
            name: "HR-PAYROLL/svc-payroll-robot",
            owner: "hana.hr@preflight.test",
            rotatesAt: c.at(45),
          },
        },
      ],
    },
    {
      ...hr,
      name: "Benefits portal renewals",
      kind: "WEBSITE_AUTOMATION",
      systems: [{ name: "Benefits portal", signInMethod: "USERNAME_PASSWORD" }],
    },
    {
      ...hr,
      name: "Absence report",
      kind: "CLOUD_FLOW",
      runAs: "HR partners",
      systems: [sharePoint],
    },
  ];
}

/** Omar's, in Operations: systems and messages. */
function operationsAutomations(c: DemoWithGateways): AutomationSpec[] {
  const ops = ownedBy(c, "omar.ops@preflight.test", "Operations");
  return [
    {
      ...ops,
      name: "Warehouse stock sync",
      kind: "API_INTEGRATION",
      runMode: "UNATTENDED",
      runAs: "sp-warehouse",
      systems: [
        { name: "Warehouse system", location: "ON_PREMISES", signInMethod: "SHARED_KEY", service: "wms" },
        { name: "ServiceNow", signInMethod: "SHARED_KEY", service: "servicenow" },
      ],
    },
    {
      ...ops,
      name: "Shipping label printing",
      kind: "DESKTOP_FLOW",
      systems: [
        { name: "Label printer PC", location: "ON_PREMISES", signInMethod: "WINDOWS" },
        { name: "Carrier portal", signInMethod: "USERNAME_PASSWORD" },
      ],
    },
    {
      ...ops,
      name: "Incident escalation",
      kind: "CLOUD_FLOW",
      runAs: "Operations on-call",
      systems: [{ name: "ServiceNow", signInMethod: "SHARED_KEY", service: "servicenow" }, outlook],
    },
  ];
}

/** Omar's, in Operations: the fleet, the scanners and the buildings. */
function operationsSiteAutomations(c: DemoWithGateways): AutomationSpec[] {
  const ops = ownedBy(c, "omar.ops@preflight.test", "Operations");
  return [
    {
      ...ops,
      name: "Fleet maintenance log",
      kind: "WEBSITE_AUTOMATION",
      gatewayId: c.gateways.europe,
      systems: [
        {
          name: "Fleet portal",
          signInMethod: "USERNAME_PASSWORD",
          credential: vault(c, "kv-ops/fleet-portal", "omar.ops@preflight.test", 90),
        },
      ],
    },
    {
      ...ops,
      name: "Supplier delivery notes",
      kind: "DESKTOP_FLOW",
      runMode: "UNATTENDED",
      // Unattended under a personal account: the flow's Windows sign-in stays outstanding.
      machine: "Ops scanners",
      windowsAccount: "CORP\\omar.ops",
      windowsAccountType: "PERSONAL",
      systems: [
        {
          name: "Scanner PC",
          location: "ON_PREMISES",
          signInMethod: "WINDOWS",
          machineGroup: "Ops scanners",
          windowsAccount: "CORP\\svc-scan",
          windowsAccountType: "SERVICE",
        },
        { name: "ERP", location: "ON_PREMISES", signInMethod: "SHARED_KEY", service: "sap-erp" },
      ],
    },
    {
      ...ops,
      name: "Facility booking digest",
      kind: "CLOUD_FLOW",
      runAs: "Facilities team",
      systems: [outlook],
    },
  ];
}

/** The latest three: in Sales, Finance and HR. */
function latestAutomations(c: DemoWithGateways): AutomationSpec[] {
  const sales = ownedBy(c, "sam.sales@preflight.test", "Sales");
  const finance = ownedBy(c, "maker@preflight.test", "Finance");
  const hr = ownedBy(c, "hana.hr@preflight.test", "HR");
  return [
    {
      ...sales,
      name: "Customer survey follow-up",
      kind: "CLOUD_FLOW",
      systems: [outlook, { name: "Survey tool", signInMethod: "USERNAME_PASSWORD", sso: true }],
    },
    {
      ...finance,
      name: "Credit card limits review",
      kind: "API_INTEGRATION",
      runMode: "UNATTENDED",
      runAs: "sp-card-limits",
      systems: [{ name: "Card provider API", signInMethod: "SHARED_KEY", service: "card-provider" }],
    },
    {
      ...hr,
      name: "Training completion reminders",
      kind: "CLOUD_FLOW",
      runAs: "HR partners",
      systems: [
        { name: "Learning platform", signInMethod: "SHARED_KEY", service: "learning-platform" },
        outlook,
      ],
    },
  ];
}

/** Inserts the automations in order, one a day from 60 days ago; their ids by name. */
async function insertDemoAutomations(
  specs: AutomationSpec[],
  { at, now }: Demo,
): Promise<Map<string, string>> {
  const created = new Map<string, string>();
  for (const [index, spec] of specs.entries()) {
    const automation = await insertAutomation({ ...spec, createdAt: at(-60 + index) }, now);
    created.set(spec.name, automation.id);
  }
  return created;
}

// ---------------------------------------------------------------------------------------
// Requests: pending of every age, one rejected, one withdrawn
// ---------------------------------------------------------------------------------------

const DEMO_REQUESTS = [
  {
    name: "Expense reporting",
    key: "GATEWAY",
    type: "GATEWAY",
    by: "maker@preflight.test",
    days: -9,
    // Listed on gw-eu-west-1 already: approving it there adds nothing twice.
    details: {
      type: "SAP",
      server: "sap-erp-01.corp.preflight.test",
      database: "PRD client 100",
      environment: "PRODUCTION",
    },
  },
  {
    name: "Vendor master data sync",
    key: "SHARED_KEY_CONNECTOR:erp",
    type: "SHARED_KEY_CONNECTOR",
    by: "fiona.finance@preflight.test",
    days: -21,
    details: {
      vendor: "SAP",
      baseUrl: "https://sap-erp-01.corp.preflight.test/sap/opu/odata/sap/API_BUSINESS_PARTNER",
      authScheme: "BASIC",
      scopes: ["API_BUSINESS_PARTNER (read)", "API_BUSINESS_PARTNER (change suppliers)"],
      dataClassification: "CONFIDENTIAL",
    },
  },
  {
    name: "Warehouse stock sync",
    key: "SHARED_KEY_CONNECTOR:warehouse system",
    type: "SHARED_KEY_CONNECTOR",
    by: "omar.ops@preflight.test",
    days: -4,
    details: {
      vendor: "Manhattan Associates",
      baseUrl: "https://wms.corp.preflight.test/api/v2",
      authScheme: "API_KEY_HEADER",
      scopes: ["inventory:read", "inventory:adjust"],
      dataClassification: "INTERNAL",
    },
  },
  {
    name: "Warehouse stock sync",
    key: "GATEWAY",
    type: "GATEWAY",
    by: "omar.ops@preflight.test",
    days: -2,
    details: {
      type: "WEB_APPLICATION",
      server: "wms.corp.preflight.test",
      database: "/api/v2",
      environment: "PRODUCTION",
    },
  },
  {
    name: "Competitor price scraping",
    key: "GATEWAY",
    type: "GATEWAY",
    by: "sam.sales@preflight.test",
    days: -30,
    details: {
      type: "DESKTOP_APPLICATION",
      server: "sales-rpa-01.corp.preflight.test",
      database: "Microsoft Edge with the Power Automate extension",
      environment: "PRODUCTION",
    },
  },
  {
    name: "Benefits portal renewals",
    key: "GATEWAY",
    type: "GATEWAY",
    by: "hana.hr@preflight.test",
    days: -1,
    details: {
      type: "WEB_APPLICATION",
      server: "benefits.corp.preflight.test",
      database: "/renewals",
      environment: "PRODUCTION",
    },
  },
  {
    name: "Credit card limits review",
    key: "SHARED_KEY_CONNECTOR:card provider api",
    type: "SHARED_KEY_CONNECTOR",
    by: "maker@preflight.test",
    days: -14,
    details: {
      vendor: "Contoso Card Services",
      baseUrl: "https://api.cards.contoso.example/v1",
      authScheme: "OAUTH2_CLIENT_CREDENTIALS",
      scopes: ["limits:read", "limits:write"],
      dataClassification: "RESTRICTED",
    },
    status: "REJECTED",
    reason:
      "The card provider offers SSO through Entra ID: use the certified connector instead of a shared key.",
  },
  {
    name: "Training completion reminders",
    key: "SHARED_KEY_CONNECTOR:learning platform",
    type: "SHARED_KEY_CONNECTOR",
    by: "hana.hr@preflight.test",
    days: -40,
    details: {
      vendor: "LearnWell",
      baseUrl: "https://api.learnwell.example/v3",
      authScheme: "BEARER_TOKEN",
      scopes: ["completions:read"],
      dataClassification: "INTERNAL",
    },
    status: "WITHDRAWN",
  },
] as const;

async function insertDemoRequests(
  automations: Map<string, string>,
  { at, now, person }: Demo,
): Promise<void> {
  const itId = person("it@preflight.test");
  for (const r of DEMO_REQUESTS) {
    await insertRequest(
      {
        automationId: automations.get(r.name)!,
        prerequisiteKey: r.key,
        type: r.type,
        requesterId: person(r.by),
        createdAt: at(r.days),
        justification: `${r.name} cannot run without it.`,
        // Parsed as the API parses a maker's request, so the demo cannot hold what it refuses.
        details:
          r.type === "GATEWAY"
            ? ZGatewayRequestDetails.parse(r.details)
            : ZConnectorRequestDetails.parse(r.details),
        ...("status" in r
          ? { status: r.status, decidedById: itId, ...("reason" in r ? { decisionReason: r.reason } : {}) }
          : {}),
      },
      now,
    );
  }
}

// ---------------------------------------------------------------------------------------
// IT's reviews of declarations: two verified, one sent back
// ---------------------------------------------------------------------------------------

const DEMO_REVIEWS = [
  { name: "Bank statement download", key: "WINDOWS_SIGN_IN", by: "it@preflight.test", outcome: "VERIFIED" },
  {
    name: "Payroll variance check",
    key: "CREDENTIAL:payroll",
    by: "theo.it@preflight.test",
    outcome: "VERIFIED",
  },
  {
    name: "Fleet maintenance log",
    key: "CREDENTIAL:fleet portal",
    by: "it@preflight.test",
    outcome: "SENT_BACK",
    reason:
      "kv-ops has no secret named fleet-portal: store the portal's sign-in there, then record it again.",
  },
] as const;

async function insertDemoReviews(automations: Map<string, string>, { now, person }: Demo): Promise<void> {
  for (const r of DEMO_REVIEWS) {
    await insertReview(
      {
        automationId: automations.get(r.name)!,
        key: r.key,
        outcome: r.outcome,
        ...("reason" in r ? { reason: r.reason } : {}),
        reviewerId: person(r.by),
      },
      now,
    );
  }
}

/**
 * The dashboard's 90-day trend reads the daily snapshots the job queue takes; a fresh demo
 * has none before today. Today's snapshot is taken for real, and the 89 days before it are
 * made up from it: a backlog that was larger and shrank, with a little day-to-day noise
 * (deterministic, so every demo looks alike). A count of zero today stays zero.
 */
async function backfillOutstandingTrend(now: Date): Promise<void> {
  const { day } = await takeOutstandingSnapshot(now);
  await pool().query(
    `insert into outstanding_snapshots (day, "departmentId", type, count)
     select $1::date - g.d, s."departmentId", s.type,
            case when s.count = 0 then 0
                 else round(s.count * (1 + 0.9 * g.d / 89.0))::int
                      + ((hashtext(s."departmentId"::text || s.type::text || g.d) & 7) = 0)::int
            end
       from outstanding_snapshots s
      cross join generate_series(1, 89) as g(d)
      where s.day = $1::date
     on conflict (day, "departmentId", type) do nothing`,
    [day],
  );
}

export async function isDemoLoaded(): Promise<boolean> {
  return (await prisma.user.count({ where: { email: "maker@preflight.test" } })) > 0;
}

import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import type { Role } from "@/lib/generated/prisma/enums";
import { insertConnector, insertDepartment, insertUser } from "@/lib/testing/factories";
import { sessionCookieFor, tokenFor } from "./credentials";
import { inDays } from "./dates";

// The company every integration test starts from: Finance, Sales and HR, the people who
// work there and in IT, each with an API token and a session cookie. Fixtures of a feature
// (the dashboard's, the access matrix's) add their automations and requests to it.

export interface Person {
  id: string;
  email: string;
  name: string;
  token: string;
  sessionCookie: string;
  /** The person as the API sees them when they call with their token. */
  caller: Caller;
}

type DepartmentKey = "finance" | "sales" | "hr";

export interface CompanyOptions {
  /** The departments the manager manages; Finance and Sales (as in the demo company) unless said. */
  managerManages?: DepartmentKey[];
  /** IT has approved the SAP ERP connector, shared with every department (the default). */
  erpConnector?: boolean;
}

async function person(
  email: string,
  departmentId: string | null,
  roles: Role[],
  manages: string[] = [],
): Promise<Person> {
  const user = await insertUser({ email, departmentId, roles, manages });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    token: await tokenFor(user.id),
    sessionCookie: await sessionCookieFor(user.id),
    caller: (await loadCaller(user.id, "token"))!,
  };
}

type Department = Awaited<ReturnType<typeof insertDepartment>>;
type Connector = Awaited<ReturnType<typeof insertConnector>>;

export interface Company {
  finance: Department;
  sales: Department;
  hr: Department;
  /** Mia, a maker in Finance. */
  maker: Person;
  /** Fiona, another maker in Finance. */
  colleague: Person;
  salesMaker: Person;
  hrMaker: Person;
  /** Maya, in Finance; manages `managerManages`. */
  manager: Person;
  /** Ivan and Theo approve for IT; they belong to no department, nor does Ada, the admin. */
  it: Person;
  it2: Person;
  admin: Person;
  erpConnector: Connector;
}

export function buildCompany(options?: CompanyOptions & { erpConnector?: true }): Promise<Company>;
export function buildCompany(
  options: CompanyOptions & { erpConnector: false },
): Promise<Omit<Company, "erpConnector">>;
export async function buildCompany(
  options: CompanyOptions = {},
): Promise<Company | Omit<Company, "erpConnector">> {
  const finance = await insertDepartment("Finance");
  const sales = await insertDepartment("Sales");
  const hr = await insertDepartment("HR");
  const departments = { finance, sales, hr };
  const managed = (options.managerManages ?? ["finance", "sales"]).map((key) => departments[key].id);

  const people = {
    maker: await person("mia.maker@preflight.test", finance.id, ["MAKER"]),
    colleague: await person("fiona.finance@preflight.test", finance.id, ["MAKER"]),
    salesMaker: await person("sam.sales@preflight.test", sales.id, ["MAKER"]),
    hrMaker: await person("hana.hr@preflight.test", hr.id, ["MAKER"]),
    manager: await person("maya.manager@preflight.test", finance.id, ["MANAGER"], managed),
    it: await person("ivan.it@preflight.test", null, ["IT_APPROVER"]),
    it2: await person("theo.it@preflight.test", null, ["IT_APPROVER"]),
    admin: await person("ada.admin@preflight.test", null, ["ADMIN"]),
  };
  // A former IT approver: notifications and assignments must pass them by.
  await insertUser({ email: "gone.it@preflight.test", roles: ["IT_APPROVER"], active: false });
  if (options.erpConnector === false) return { ...departments, ...people };
  const erpConnector = await insertConnector({
    name: "SAP ERP",
    service: "sap-erp",
    keyExpiresAt: inDays(200),
  });
  return { ...departments, ...people, erpConnector };
}

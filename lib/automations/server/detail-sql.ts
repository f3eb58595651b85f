import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { automationScopeSql, SqlParams } from "@/lib/auth/server/scope-sql";
import type { HistorySource } from "@/lib/automations/history";
import { queryPrepared } from "@/lib/db";
import type { ConnectorInput, ReviewInput } from "@/lib/domain/types";
import type {
  AssuranceBasis,
  AutomationKind,
  AutomationStatus,
  CredentialStore,
  GatewayKind,
  GatewayStatus,
  ImportSource,
  OwnerMissing,
  PrerequisiteStatus,
  PrerequisiteType,
  RunMode,
  SignInMethod,
  SystemLocation,
  WindowsAccountType,
} from "@/lib/generated/prisma/enums";
import type { NamedRef, PersonRef } from "@/lib/openapi/common";
import type { RequestRow } from "@/lib/requests/server/views";
import { statements, type Transaction } from "@/lib/transaction";

// An automation's page in one statement: the automation (in the caller's scope, or nothing),
// its owner, department, gateway, systems, prerequisites, requests, the connectors of its
// shared-key services for the engine, and its history. Every page view runs this, so it is
// one round trip sent with pg itself: through Prisma's relations the same data took eight
// statements and more CPU in the server than in the database (BENCHMARKS.md).

export const HISTORY_LIMIT = 100;

/** An audit event of the automation or its requests, with the names its ids point at. */
export type HistoryEvent = HistorySource & { createdAt: Date };

export interface SystemRow {
  id: string;
  name: string;
  position: number;
  location: SystemLocation;
  signInMethod: SignInMethod;
  sso: boolean;
  service: string | null;
  credentialStore: CredentialStore | null;
  credentialName: string | null;
  credentialOwner: string | null;
  credentialRotatesAt: Date | null;
  /** For the engine only (next steps), never shown: see lib/prerequisites/system-input.ts. */
  credentialRotatedAt: Date | null;
  knowerLeftAt: Date | null;
  machineGroup: string | null;
  windowsAccount: string | null;
  windowsAccountType: WindowsAccountType | null;
  inferred: boolean;
  externalId: string | null;
}

export interface FindingRow {
  id: string;
  kind: string;
  subject: string;
  severity: string;
  category: string;
  message: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface PrerequisiteRow {
  id: string;
  key: string;
  type: PrerequisiteType;
  status: PrerequisiteStatus;
  systemAccessId: string | null;
  satisfiedBy: string | null;
  connectorId: string | null;
  gatewayId: string | null;
  reason: string;
  basis: AssuranceBasis | null;
  /** Who it is known by: a person, or null for the system ("IT" when approved). */
  basisBy: PersonRef | null;
  basisAt: Date | null;
  updatedAt: Date;
}

/** An automation as its page reads it: its own columns and everything it owns. */
export interface AutomationRow {
  id: string;
  name: string;
  description: string;
  kind: AutomationKind;
  runMode: RunMode;
  status: AutomationStatus;
  runAs: string | null;
  machine: string | null;
  windowsAccount: string | null;
  windowsAccountType: WindowsAccountType | null;
  windowsAccountLeftAt: Date | null;
  version: number;
  ownerId: string;
  departmentId: string;
  gatewayId: string | null;
  createdAt: Date;
  updatedAt: Date;
  retiredAt: Date | null;
  inventorySource: ImportSource | null;
  environmentId: string | null;
  externalId: string | null;
  lastSeenAt: Date | null;
  notSeenSince: Date | null;
  ownerMissing: OwnerMissing | null;
  findings: FindingRow[];
  owner: PersonRef;
  department: NamedRef;
  gateway: { id: string; name: string; kind: GatewayKind; status: GatewayStatus } | null;
  systems: SystemRow[];
  prerequisites: PrerequisiteRow[];
  requests: RequestRow[];
  /** IT's reviews of its declared prerequisites, for the engine (a review outlives its row). */
  reviews: ReviewInput[];
}

export interface AutomationPageData {
  row: AutomationRow;
  connectors: ConnectorInput[];
  history: HistoryEvent[];
}

const person = (alias: string) =>
  `case when ${alias}.id is null then null
        else json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'email', ${alias}.email) end`;

const HISTORY_COLUMNS = `e.id, e.action, e."actorId", e."actorLabel", e."entityType", e."entityId",
                          e.before, e.after, e."createdAt"`;

const STATEMENT = (scope: string) => `
  select a.id, a.name, a.description, a.kind::text as kind, a."runMode"::text as "runMode",
         a.status::text as status, a."runAs", a.machine, a."windowsAccount",
         a."windowsAccountType"::text as "windowsAccountType", a."windowsAccountLeftAt", a.version, a."ownerId", a."departmentId", a."gatewayId",
         a."createdAt", a."updatedAt", a."retiredAt",
         a."inventorySource"::text as "inventorySource", a."environmentId", a."externalId",
         a."lastSeenAt", a."notSeenSince", a."ownerMissing"::text as "ownerMissing",
         coalesce((
           select json_agg(json_build_object(
                    'id', f.id, 'kind', f.kind, 'subject', f.subject, 'severity', f.severity,
                    'category', f.category, 'message', f.message, 'firstSeenAt', f."firstSeenAt",
                    'lastSeenAt', f."lastSeenAt")
                  order by f."firstSeenAt", f.kind, f.subject)
             from inventory_findings f where f."automationId" = a.id and f."resolvedAt" is null), '[]') as findings,
         json_build_object('id', u.id, 'name', u.name, 'email', u.email) as owner,
         json_build_object('id', d.id, 'name', d.name) as department,
         (select json_build_object('id', g.id, 'name', g.name, 'kind', g.kind, 'status', g.status)
            from gateways g where g.id = a."gatewayId") as gateway,
         coalesce((
           select json_agg(json_build_object(
                    'id', s.id, 'name', s.name, 'position', s.position, 'location', s.location,
                    'signInMethod', s."signInMethod", 'sso', s.sso, 'service', s.service,
                    'credentialStore', s."credentialStore", 'credentialName', s."credentialName",
                    'credentialOwner', s."credentialOwner", 'credentialRotatesAt', s."credentialRotatesAt",
                    'machineGroup', s."machineGroup", 'windowsAccount', s."windowsAccount",
                    'windowsAccountType', s."windowsAccountType", 'inferred', s.inferred,
                    'externalId', s."externalId",
                    'credentialRotatedAt', s."credentialRotatedAt", 'knowerLeftAt', s."knowerLeftAt")
                  order by s.position, s.name)
             from system_accesses s where s."automationId" = a.id), '[]') as systems,
         coalesce((
           select json_agg(json_build_object(
                    'id', p.id, 'key', p.key, 'type', p.type, 'status', p.status,
                    'systemAccessId', p."systemAccessId", 'satisfiedBy', p."satisfiedBy",
                    'connectorId', p."connectorId", 'gatewayId', p."gatewayId", 'reason', p.reason,
                    'basis', p.basis, 'basisBy', ${person("bu")}, 'basisAt', p."basisAt",
                    'updatedAt', p."updatedAt"))
             from prerequisites p left join users bu on bu.id = p."basisById"
            where p."automationId" = a.id), '[]') as prerequisites,
         coalesce((
           select json_agg(json_build_object('key', v.key, 'outcome', v.outcome,
                                             'declaration', v.declaration, 'reason', v.reason))
             from prerequisite_reviews v where v."automationId" = a.id), '[]') as reviews,
         coalesce((
           select json_agg(json_build_object(
                    'id', r.id, 'type', r.type, 'status', r.status, 'version', r.version,
                    'automationId', r."automationId", 'prerequisiteId', r."prerequisiteId",
                    'prerequisiteKey', r."prerequisiteKey", 'departmentId', r."departmentId",
                    'service', r.service, 'justification', r.justification, 'details', r.details,
                    'decisionReason', r."decisionReason", 'decidedAt', r."decidedAt",
                    'connectorId', r."connectorId", 'gatewayId', r."gatewayId",
                    'createdAt', r."createdAt", 'updatedAt', r."updatedAt",
                    'automation', json_build_object('id', a.id, 'name', a.name),
                    'requester', ${person("rq")}, 'decidedBy', ${person("dc")},
                    'assignee', case when asg.id is null then null
                                     else json_build_object('id', asg.id, 'name', asg.name) end)
                  order by r."createdAt" desc, r.id desc)
             from requests r
             join users rq on rq.id = r."requesterId"
             left join users dc on dc.id = r."decidedById"
             left join users asg on asg.id = r."assigneeId"
            where r."automationId" = a.id), '[]') as requests,
         coalesce((
           select json_agg(json_build_object(
                    'id', c.id, 'name', c.name, 'service', c.service, 'status', c.status,
                    'keyExpiresAt', c."keyExpiresAt", 'sharing', c.sharing,
                    'departmentIds', array(select cd."departmentId" from connector_departments cd
                                            where cd."connectorId" = c.id)))
             from connectors c
            where c.service in (select s.service from system_accesses s
                                 where s."automationId" = a.id and s."signInMethod" = 'SHARED_KEY')), '[]')
           as connectors,
         coalesce((
           select json_agg(json_build_object('id', h.id::text, 'action', h.action,
                                             'actorLabel', h."actorLabel", 'createdAt', h."createdAt",
                                             'actorName', (select x.name from users x where x.id = h."actorId"),
                                             'before', h.before, 'after', h.after,
                                             'request', (select json_build_object('type', r.type, 'service', r.service)
                                                           from requests r
                                                          where h."entityType" = 'Request'
                                                            and r.id = h."entityId"::uuid),
                                             'gatewayName', (select g.name from gateways g
                                                              where g.id = (h.after->>'gatewayId')::uuid),
                                             'connectorName', (select c.name from connectors c
                                                                where c.id = (h.after->>'connectorId')::uuid))
                           order by h."createdAt" desc, h.id desc)
             from ((select ${HISTORY_COLUMNS} from audit_events e
                     where e."entityType" = 'Automation' and e."entityId" = a.id::text
                     order by e."createdAt" desc, e.id desc limit ${HISTORY_LIMIT})
                   union all
                   -- A branch per entity type, each an index range: an OR of the two would
                   -- walk the whole trail by date instead.
                   (select ${HISTORY_COLUMNS} from audit_events e
                     where e."entityType" = 'Request'
                       and e."entityId" = any(array(select r.id::text from requests r
                                                      where r."automationId" = a.id))
                     order by e."createdAt" desc, e.id desc limit ${HISTORY_LIMIT})
                   order by "createdAt" desc, id desc
                   limit ${HISTORY_LIMIT}) h), '[]') as history
    from automations a
    join users u on u.id = a."ownerId"
    join departments d on d.id = a."departmentId"
   where a.id = $1::uuid and ${scope}`;

type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

type PageRow = Omit<AutomationRow, "systems" | "prerequisites" | "requests" | "findings"> & {
  findings: Array<Json<FindingRow>>;
  systems: Array<Json<SystemRow>>;
  prerequisites: Array<Json<PrerequisiteRow>>;
  requests: Array<Json<RequestRow>>;
  connectors: Array<Json<ConnectorInput>>;
  history: Array<Json<HistoryEvent>>;
};

/**
 * The automation's page data, or null when it does not exist or lies outside the caller's
 * scope. A write passes its transaction and reads what it wrote (unprepared there: a prepared
 * statement belongs to a pooled connection, not to the transaction's).
 */
export async function loadAutomationPage(
  caller: Caller,
  id: string,
  tx?: Transaction,
): Promise<AutomationPageData | null> {
  const params = new SqlParams();
  params.bind(id);
  const text = STATEMENT(automationScopeSql(caller, params.bind));
  const rows = tx
    ? await statements(tx).rows<PageRow>(text, params.values)
    : (await queryPrepared<PageRow>(text, params.values)).rows;
  const page = rows[0];
  if (!page) return null;
  const { connectors, history, systems, prerequisites, requests, findings, ...automation } = page;
  // JSON carries timestamps as text; the rest of the product works with Dates.
  return {
    row: {
      ...automation,
      findings: withDates(findings, "firstSeenAt", "lastSeenAt"),
      systems: withDates(systems, "credentialRotatesAt", "credentialRotatedAt", "knowerLeftAt"),
      prerequisites: withDates(prerequisites, "basisAt", "updatedAt"),
      requests: withDates(requests, "decidedAt", "createdAt", "updatedAt"),
    },
    connectors: withDates(connectors, "keyExpiresAt"),
    history: withDates(history, "createdAt"),
  };
}

/** The fields of T that hold a timestamp. */
type DateKeys<T> = { [K in keyof T]-?: T[K] extends Date | null ? K & string : never }[keyof T];

/**
 * Rows read as JSON with their timestamps (`keys`) made Dates again. Naming fewer than every
 * timestamp of the row is a type error: the answer is then not rows of T.
 */
function withDates<T, K extends DateKeys<T>>(
  rows: Array<Json<T>>,
  ...keys: K[]
): [Exclude<DateKeys<T>, K>] extends [never] ? T[] : { stillText: Exclude<DateKeys<T>, K> } {
  return rows.map((row) => {
    const revived: Record<string, unknown> = { ...row };
    for (const key of keys) revived[key] = date(revived[key] as string | null);
    return revived;
  }) as never;
}

function date(value: string): Date;
function date(value: string | null): Date | null;
function date(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

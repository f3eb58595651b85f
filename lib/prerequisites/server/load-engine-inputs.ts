import "server-only";
import { normaliseKey } from "@/lib/domain/engine-helpers";
import type {
  AutomationStatus,
  ConnectorInput,
  EngineInput,
  GatewayInput,
  RequestInput,
  ReviewInput,
  WindowsAccountType,
} from "@/lib/domain/types";
import { type StoredSystem, toEngineSystemInput } from "@/lib/prerequisites/system-input";
import { statements, type Transaction } from "@/lib/transaction";

// Reads everything the engine needs for a set of automations in six queries, whatever
// the size of the set. Rows are locked (automations FOR UPDATE, in id order so that two
// re-derivations cannot deadlock) so that concurrent changes re-derive one after another.

/** Who stands behind what the engine reads as approved or verified (the basis's "by" and "at"). */
export interface BasisSources {
  /** Prerequisite key → who approved its latest approved request (a gateway or a connector). */
  requestApprovers: ReadonlyMap<string, string | null>;
  /** Connector id → who added it to the catalog (for a connector no request of ours brought). */
  connectorCreators: ReadonlyMap<string, string | null>;
  /** Prerequisite key → IT's review (who and when). */
  reviews: ReadonlyMap<string, { reviewerId: string; createdAt: Date }>;
}

export interface LoadedAutomation {
  id: string;
  ownerId: string;
  name: string;
  status: AutomationStatus;
  input: EngineInput;
  basisSources: BasisSources;
}

interface AutomationRow {
  id: string;
  ownerId: string;
  name: string;
  kind: EngineInput["automation"]["kind"];
  runMode: EngineInput["automation"]["runMode"];
  runAs: string | null;
  departmentId: string;
  gatewayId: string | null;
  machine: string | null;
  windowsAccount: string | null;
  windowsAccountType: WindowsAccountType | null;
  windowsAccountLeftAt: Date | null;
  status: AutomationStatus;
}

export type SystemRow = StoredSystem & { automationId: string };

export type ConnectorRow = Omit<ConnectorInput, "departmentIds"> & {
  departmentIds: string[] | null;
  createdById: string | null;
};
export type RequestRow = RequestInput & { automationId: string; decidedById: string | null };
type ReviewRow = ReviewInput & { automationId: string; reviewerId: string; createdAt: Date };

export async function loadEngineInputs(
  tx: Transaction,
  ids: readonly string[],
  now: Date,
): Promise<LoadedAutomation[]> {
  const sql = statements(tx);
  const automations = await sql.rows<AutomationRow>(
    `select id, "ownerId", name, kind::text, "runMode"::text, "runAs", "departmentId", "gatewayId",
            machine, "windowsAccount", "windowsAccountType"::text, "windowsAccountLeftAt", status::text
       from automations where id = any($1::uuid[]) order by id for update`,
    [ids],
  );
  const systems = await sql.rows<SystemRow>(
    `select id, "automationId", name, location::text, "signInMethod"::text, sso, service,
            "credentialStore"::text, "credentialName", "credentialOwner", "credentialRotatesAt",
            "credentialRotatedAt", "knowerLeftAt", "machineGroup", "windowsAccount", "windowsAccountType"::text
       from system_accesses where "automationId" = any($1::uuid[]) order by "automationId", position, name`,
    [ids],
  );
  const services = [
    ...new Set(systems.filter((s) => s.signInMethod === "SHARED_KEY" && s.service).map((s) => s.service)),
  ];
  const connectors =
    services.length === 0
      ? []
      : await sql.rows<ConnectorRow>(
          `select c.id, c.name, c.service, c.status::text, c."keyExpiresAt", c.sharing::text, c."createdById",
                  array_remove(array_agg(cd."departmentId"::text), null) as "departmentIds"
             from connectors c left join connector_departments cd on cd."connectorId" = c.id
            where c.service = any($1::text[]) group by c.id`,
          [services],
        );
  const gatewayIds = [
    ...new Set(automations.map((a) => a.gatewayId).filter((id): id is string => id !== null)),
  ];
  const gateways =
    gatewayIds.length === 0
      ? []
      : await sql.rows<GatewayInput>(
          `select id, name, kind::text, status::text from gateways where id = any($1::uuid[])`,
          [gatewayIds],
        );
  const requests = await sql.rows<RequestRow>(
    `select "automationId", "prerequisiteKey", status::text, "decisionReason", "createdAt", "decidedById"
       from requests where "automationId" = any($1::uuid[]) and "prerequisiteKey" is not null`,
    [ids],
  );
  const reviews = await sql.rows<ReviewRow>(
    `select "automationId", key, outcome::text, declaration, reason, "reviewerId", "createdAt"
       from prerequisite_reviews where "automationId" = any($1::uuid[])`,
    [ids],
  );

  const systemsBy = groupBy(systems, (s) => s.automationId);
  const requestsBy = groupBy(requests, (r) => r.automationId);
  const reviewsBy = groupBy(reviews, (r) => r.automationId);
  const connectorCreators = new Map(connectors.map((c) => [c.id, c.createdById]));
  const gatewaysById = new Map(gateways.map((g) => [g.id, g]));
  // Each automation gets the connectors of its own services only: the engine would filter a
  // company's whole catalog for every shared-key system otherwise.
  const connectorsByService = groupBy(
    connectors.map(
      ({ createdById: _approver, ...c }): ConnectorInput => ({ ...c, departmentIds: c.departmentIds ?? [] }),
    ),
    (c) => normaliseKey(c.service),
  );
  const connectorsFor = (rows: readonly SystemRow[]) => [
    ...new Set(
      rows.flatMap((s) =>
        s.signInMethod === "SHARED_KEY" && s.service
          ? (connectorsByService.get(normaliseKey(s.service)) ?? [])
          : [],
      ),
    ),
  ];

  return automations.map((a) => {
    const ownRequests = requestsBy.get(a.id) ?? [];
    const ownReviews = reviewsBy.get(a.id) ?? [];
    return {
      id: a.id,
      ownerId: a.ownerId,
      name: a.name,
      status: a.status,
      input: {
        automation: {
          kind: a.kind,
          runMode: a.runMode,
          runAs: a.runAs,
          departmentId: a.departmentId,
          retired: a.status === "RETIRED",
          machine: a.machine,
          windowsAccount: a.windowsAccount,
          windowsAccountType: a.windowsAccountType,
          windowsAccountLeftAt: a.windowsAccountLeftAt,
          systems: (systemsBy.get(a.id) ?? []).map(toEngineSystemInput),
        },
        gateway: a.gatewayId ? (gatewaysById.get(a.gatewayId) ?? null) : null,
        connectors: connectorsFor(systemsBy.get(a.id) ?? []),
        requests: ownRequests.map(({ prerequisiteKey, status, decisionReason, createdAt }) => ({
          prerequisiteKey,
          status,
          decisionReason,
          createdAt,
        })),
        reviews: ownReviews.map(({ key, outcome, declaration, reason }) => ({
          key,
          outcome,
          declaration,
          reason,
        })),
        now,
      },
      basisSources: {
        requestApprovers: approvers(ownRequests),
        connectorCreators,
        reviews: new Map(
          ownReviews.map((r) => [r.key, { reviewerId: r.reviewerId, createdAt: r.createdAt }]),
        ),
      },
    };
  });
}

/** Prerequisite key → who decided its latest APPROVED request. */
function approvers(requests: readonly RequestRow[]): Map<string, string | null> {
  const latest = new Map<string, RequestRow>();
  for (const r of requests) {
    if (r.status !== "APPROVED") continue;
    const seen = latest.get(r.prerequisiteKey);
    if (!seen || r.createdAt.getTime() >= seen.createdAt.getTime()) latest.set(r.prerequisiteKey, r);
  }
  return new Map([...latest].map(([key, r]) => [key, r.decidedById]));
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

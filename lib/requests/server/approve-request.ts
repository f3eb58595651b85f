import "server-only";
import type { AuditActor } from "@/lib/audit/server/record-audit";
import { recordAudit } from "@/lib/audit/server/record-audit";
import type { TDataSource } from "@/lib/catalog/schemas";
import { insertConnector } from "@/lib/catalog/server/connectors";
import { addDataSource, insertGateway } from "@/lib/catalog/server/gateways";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { badRequest, unprocessable } from "@/lib/http/errors";
import type { ConnectorRequestDetails, RequestDetails } from "@/lib/requests/contract";
import type { TDecisionBody } from "@/lib/requests/schemas";
import { requestDetails } from "@/lib/requests/server/views";

// What approving a request puts in place: for a connector request, a catalog connector (new,
// or an existing one linked and, if need be, shared with the requesting department); for a
// gateway request, a gateway (existing or new) assigned to the automation. What the request
// names goes with it: a new connector's API (vendor, base URL, scheme, scopes, classification)
// defaults to the request's, and the gateway lists the request's data source. Checked before
// anything is written (400 for a body that does not fit the request's type, 422 for one the
// catalog refuses), applied inside the decision's transaction.

export interface DecidedRequest {
  id: string;
  type: "SHARED_KEY_CONNECTOR" | "GATEWAY";
  automationId: string;
  departmentId: string;
  service: string | null;
  /** As stored: the request's details, or null for a request filed before details existed. */
  details: Prisma.JsonValue;
}

export type ApprovalPlan =
  | { kind: "LINK_CONNECTOR"; connectorId: string; service: string }
  | {
      kind: "NEW_CONNECTOR";
      connector: Exclude<NonNullable<TDecisionBody["connector"]>, { connectorId: string }>;
      service: string;
    }
  | { kind: "ASSIGN_GATEWAY"; gatewayId: string; dataSource: TDataSource | null }
  | { kind: "NEW_GATEWAY"; gateway: NonNullable<TDecisionBody["gateway"]>; dataSource: TDataSource | null };

/** The data source a gateway request names (null for a connector request or an older one). */
function dataSourceOf(details: RequestDetails): TDataSource | null {
  return details && !("vendor" in details) ? details : null;
}

/** The API a connector request names (null for a gateway request or an older one). */
function connectorApiOf(details: RequestDetails): ConnectorRequestDetails | null {
  return details && "vendor" in details ? details : null;
}

/** What the approval will do, from the request's type and the body; 400 when they do not fit. */
export function planApproval(request: DecidedRequest, input: TDecisionBody): ApprovalPlan {
  if (request.type === "SHARED_KEY_CONNECTOR") {
    const fields: Record<string, string> = {};
    if (!input.connector)
      fields.connector = "Required: { connectorId } of a catalog connector, or a new connector.";
    if (input.gatewayId !== undefined) fields.gatewayId = "Only for gateway requests.";
    if (input.gateway !== undefined) fields.gateway = "Only for gateway requests.";
    if (!input.connector || Object.keys(fields).length > 0) {
      throw badRequest("Approving a connector request needs a connector, and nothing else.", fields);
    }
    if (!request.service) {
      throw unprocessable(
        "This request names no service, so no connector can satisfy it; reject it instead.",
      );
    }
    return "connectorId" in input.connector
      ? { kind: "LINK_CONNECTOR", connectorId: input.connector.connectorId, service: request.service }
      : { kind: "NEW_CONNECTOR", connector: input.connector, service: request.service };
  }
  if (input.connector !== undefined || (input.gatewayId === undefined && input.gateway === undefined)) {
    throw badRequest(
      "Approving a gateway request needs gatewayId (an existing gateway) or gateway (a new one).",
      {
        ...(input.connector !== undefined ? { connector: "Only for connector requests." } : {}),
        ...(input.gatewayId === undefined && input.gateway === undefined
          ? { gatewayId: "Required: the gateway to assign, or send gateway to register a new one." }
          : {}),
      },
    );
  }
  const dataSource = dataSourceOf(requestDetails(request.details));
  return input.gatewayId !== undefined
    ? { kind: "ASSIGN_GATEWAY", gatewayId: input.gatewayId, dataSource }
    : { kind: "NEW_GATEWAY", gateway: input.gateway!, dataSource };
}

/**
 * Locks what the approval builds on before the automation rows (see LOCK ORDER in decide.ts)
 * and checks it can be used: an existing connector of the request's service that is usable,
 * or an ONLINE gateway of a kind that fits the automation.
 */
export async function lockApprovalTarget(
  tx: Tx,
  plan: ApprovalPlan,
  context: { automationKind: string; now: Date },
): Promise<void> {
  if (plan.kind === "LINK_CONNECTOR") {
    const [connector] = await tx.$queryRaw<
      Array<{ service: string; status: string; keyExpiresAt: Date; name: string }>
    >`select service, status::text as status, "keyExpiresAt", name from connectors
       where id = ${plan.connectorId}::uuid for update`;
    if (!connector) {
      throw unprocessable("connector.connectorId names no catalog connector.", {
        "connector.connectorId": "No such connector.",
      });
    }
    if (connector.service !== plan.service) {
      throw unprocessable(
        `Connector “${connector.name}” is for “${connector.service}”, not “${plan.service}”.`,
        {
          "connector.connectorId": `Pick a connector for “${plan.service}”.`,
        },
      );
    }
    if (connector.status !== "APPROVED" || connector.keyExpiresAt.getTime() <= context.now.getTime()) {
      const state = connector.status === "APPROVED" ? "EXPIRED" : connector.status;
      throw unprocessable(`Connector “${connector.name}” is ${state} and satisfies nothing.`, {
        "connector.connectorId": "Pick a usable connector, or create a new one.",
      });
    }
  }
  if (plan.kind === "ASSIGN_GATEWAY") {
    // FOR SHARE: a concurrent status change waits for this decision (and re-derives after it).
    // FOR NO KEY UPDATE when the approval adds the request's data source to the gateway: two
    // approvals holding FOR SHARE and then both writing the row would deadlock.
    const [gateway] = plan.dataSource
      ? await tx.$queryRaw<Array<{ status: string; kind: string; name: string }>>`
          select status::text as status, kind::text as kind, name from gateways
           where id = ${plan.gatewayId}::uuid for no key update`
      : await tx.$queryRaw<Array<{ status: string; kind: string; name: string }>>`
          select status::text as status, kind::text as kind, name from gateways
           where id = ${plan.gatewayId}::uuid for share`;
    if (!gateway) throw unprocessable("gatewayId names no gateway.", { gatewayId: "No such gateway." });
    if (gateway.status !== "ONLINE") {
      throw unprocessable(`Gateway “${gateway.name}” is ${gateway.status}.`, {
        gatewayId: "Pick an ONLINE gateway, or register a new one.",
      });
    }
    assertGatewayFits(gateway.kind, context.automationKind, "gatewayId");
  }
  if (plan.kind === "NEW_GATEWAY")
    assertGatewayFits(plan.gateway.kind, context.automationKind, "gateway.kind");
}

/** A machine group only serves desktop flows (DESIGN.md); anything else needs a data gateway. */
function assertGatewayFits(kind: string, automationKind: string, field: string): void {
  if (kind === "MACHINE_GROUP" && automationKind !== "DESKTOP_FLOW") {
    throw unprocessable("A machine group serves desktop flows only; this automation needs a data gateway.", {
      [field]: "Must be a DATA_GATEWAY for this automation.",
    });
  }
}

/** Applies the plan; returns what the request now links to, for its row and the audit event. */
export async function applyApproval(
  tx: Tx,
  plan: ApprovalPlan,
  request: DecidedRequest,
  context: { actor: AuditActor; callerId: string; now: Date },
): Promise<{ connectorId: string | null; gatewayId: string | null; label: string }> {
  switch (plan.kind) {
    case "LINK_CONNECTOR": {
      const name = await shareWithDepartment(tx, plan.connectorId, request.departmentId, context.actor);
      return { connectorId: plan.connectorId, gatewayId: null, label: `connector “${name}”` };
    }
    case "NEW_CONNECTOR": {
      const { sharedWith } = plan.connector;
      if (sharedWith !== "ALL" && !sharedWith.includes(request.departmentId)) {
        throw unprocessable("The new connector must be shared with the requesting department.", {
          "connector.sharedWith": "Include the requesting department, or share it with ALL.",
        });
      }
      // What IT leaves out of the API's fields comes from what the request named.
      const requested = connectorApiOf(requestDetails(request.details));
      const connector = {
        ...plan.connector,
        vendor: plan.connector.vendor ?? requested?.vendor,
        baseUrl: plan.connector.baseUrl ?? requested?.baseUrl,
        authScheme: plan.connector.authScheme ?? requested?.authScheme,
        scopes: plan.connector.scopes ?? requested?.scopes,
        dataClassification: plan.connector.dataClassification ?? requested?.dataClassification,
      };
      const created = await insertConnector(
        tx,
        { ...connector, service: plan.service },
        { actor: context.actor, creatorId: context.callerId, now: context.now, field: "connector" },
      );
      return { connectorId: created.id, gatewayId: null, label: `new connector “${created.name}”` };
    }
    case "ASSIGN_GATEWAY":
    case "NEW_GATEWAY": {
      const dataSources = plan.dataSource ? [plan.dataSource] : [];
      const gatewayId =
        plan.kind === "NEW_GATEWAY"
          ? (
              await insertGateway(
                tx,
                { ...plan.gateway, dataSources },
                { actor: context.actor, field: "gateway" },
              )
            ).id
          : plan.gatewayId;
      // The existing gateway's row is locked (lockApprovalTarget); it lists the source once.
      if (plan.kind === "ASSIGN_GATEWAY" && plan.dataSource) {
        await addDataSource(tx, gatewayId, plan.dataSource, context.actor);
      }
      const name = await assignGateway(tx, request.automationId, gatewayId, context.actor);
      return { connectorId: null, gatewayId, label: `gateway “${name}”` };
    }
  }
}

/** Links the requesting department to a department-shared connector (no-op when shared with ALL). */
async function shareWithDepartment(
  tx: Tx,
  connectorId: string,
  departmentId: string,
  actor: AuditActor,
): Promise<string> {
  const connector = await tx.connector.findUniqueOrThrow({
    where: { id: connectorId },
    select: { name: true, sharing: true, departments: { select: { departmentId: true } } },
  });
  const departmentIds = connector.departments.map((link) => link.departmentId).sort();
  if (connector.sharing === "ALL" || departmentIds.includes(departmentId)) return connector.name;
  await tx.connectorDepartment.create({ data: { connectorId, departmentId } });
  await recordAudit(tx, {
    actor,
    action: "connector.shared",
    entityType: "Connector",
    entityId: connectorId,
    before: { departmentIds },
    after: { departmentIds: [...departmentIds, departmentId].sort() },
  });
  return connector.name;
}

/**
 * Sets the automation's gateway. Its version is left alone: gatewayId is IT's field, which the
 * maker's edit never writes, so the maker's open edit form stays valid.
 */
async function assignGateway(
  tx: Tx,
  automationId: string,
  gatewayId: string,
  actor: AuditActor,
): Promise<string> {
  const before = await tx.automation.findUniqueOrThrow({
    where: { id: automationId },
    select: { gatewayId: true },
  });
  const { gateway } = await tx.automation.update({
    where: { id: automationId },
    data: { gatewayId },
    select: { gateway: { select: { name: true } } },
  });
  await recordAudit(tx, {
    actor,
    action: "automation.gateway_assigned",
    entityType: "Automation",
    entityId: automationId,
    before: { gatewayId: before.gatewayId },
    after: { gatewayId },
  });
  return gateway?.name ?? gatewayId;
}

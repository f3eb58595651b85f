import { type ConnectorApiDraft, checkConnectorApi } from "@/lib/catalog/details-forms";
import {
  type ConnectorDraft,
  checkConnector,
  checkGateway,
  type FieldErrors,
  type GatewayDraft,
} from "@/lib/catalog/forms";
import type { RequestDetail } from "@/lib/requests/contract";
import type { Decision } from "@/lib/requests/schemas";

// The decision form's draft and its checks, apart from React so that they are tested alone.

/** Link or pick what exists, or record a new one. */
export type Source = "existing" | "new";

export interface DecisionDraft {
  decision: Decision | "";
  reason: string;
  connectorSource: Source;
  connectorId: string;
  connector: ConnectorDraft;
  /** A new connector's API: filled in from what the request names, IT may change it. */
  connectorApi: ConnectorApiDraft;
  gatewaySource: Source;
  gatewayId: string;
  gateway: GatewayDraft;
}

export function checkDecision(draft: DecisionDraft, request: RequestDetail): FieldErrors {
  const found: FieldErrors = {};
  if (!draft.decision) found.decision = "Choose whether to approve or reject the request";
  if (!draft.reason.trim()) {
    found.reason =
      draft.decision === "REJECT"
        ? "Give the reason for rejecting: the maker reads it"
        : "Give a reason for the decision: the maker reads it";
  }
  if (draft.decision !== "APPROVE") return found;
  if (request.type === "SHARED_KEY_CONNECTOR") {
    if (draft.connectorSource === "existing") {
      if (!draft.connectorId) found["connector.connectorId"] = "Choose the connector to link";
    } else {
      for (const [field, message] of Object.entries({
        ...checkConnector(draft.connector, { withService: false }),
        ...checkConnectorApi(draft.connectorApi, { required: false }),
      })) {
        found[`connector.${field}`] = message;
      }
    }
  } else if (draft.gatewaySource === "existing") {
    if (!draft.gatewayId) found.gatewayId = "Choose the gateway the automation uses";
  } else {
    for (const [field, message] of Object.entries(checkGateway(draft.gateway)))
      found[`gateway.${field}`] = message;
  }
  return found;
}

/**
 * The errors that still hold after a change: a checked problem stays (with its current
 * message) while the check still finds it; a problem the server named stays until its own
 * field changes.
 */
export function stillWrong(
  errors: FieldErrors,
  {
    before,
    after,
    request,
    changed,
  }: { before: DecisionDraft; after: DecisionDraft; request: RequestDetail; changed: Partial<DecisionDraft> },
): FieldErrors {
  if (Object.keys(errors).length === 0) return errors;
  const was = checkDecision(before, request);
  const now = checkDecision(after, request);
  const kept: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const head = path.split(".")[0] ?? path;
    if (now[path]) kept[path] = now[path];
    else if (!(path in was) && !(head in changed)) kept[path] = message;
  }
  return kept;
}

import { type FormEvent, useId, useRef, useState } from "react";
import type { SummaryError } from "@/components/ui/error-summary";
import { ApiError, errorMessage } from "@/lib/api-client";
import { connectorErrorTarget } from "@/lib/catalog/components/connector-fields";
import type { Connector } from "@/lib/catalog/contract";
import { connectorApiDraftOf, toOptionalConnectorApi } from "@/lib/catalog/details-forms";
import {
  EMPTY_CONNECTOR,
  EMPTY_GATEWAY,
  type FieldErrors,
  toConnectorFields,
  toGatewayFields,
} from "@/lib/catalog/forms";
import { useGateways } from "@/lib/catalog/hooks";
import type { RequestDetail, RequestRecord } from "@/lib/requests/contract";
import { checkDecision, type DecisionDraft, stillWrong } from "@/lib/requests/decision-checks";
import { connectorDetailsOf } from "@/lib/requests/details";
import { useDecideRequest } from "@/lib/requests/hooks";
import type { Decision, DecisionBody } from "@/lib/requests/schemas";

export type { DecisionDraft, Source } from "@/lib/requests/decision-checks";

/** The ids of the form's controls, unique per form. */
export type DecisionIds = ReturnType<typeof decisionIds>;

interface DecisionFormOptions {
  request: RequestDetail;
  onDecided: (decided: RequestRecord) => void;
  onConflict: (error: ApiError) => void;
}

/** The decision being made, its problems, and sending it. */
export function useDecisionForm({ request, onDecided, onConflict }: DecisionFormOptions) {
  const ids = decisionIds(useId());
  const usable = request.suggestedConnectors.filter(isUsableConnector);
  const [draft, setDraft] = useState(() => initialDraft(request, usable));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const decide = useDecideRequest(request.id);
  const gateways = useGateways();

  function change(patch: Partial<DecisionDraft>) {
    const next = { ...draft, ...patch };
    setDraft(next);
    // A problem the change resolved goes at once (choosing Approve clears "Choose whether to
    // approve or reject"); the ones that remain stay until the next submit.
    setErrors((current) => stillWrong(current, { before: draft, after: next, request, changed: patch }));
  }

  function showErrors(found: FieldErrors, message: string | null) {
    setErrors(found);
    setGeneral(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkDecision(draft, request);
    if (Object.keys(found).length > 0) return showErrors(found, null);
    setErrors({});
    setGeneral(null);
    try {
      onDecided(await decide.mutateAsync(decisionBody(draft, request)));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) return onConflict(failure);
      if (failure instanceof ApiError && failure.hasFieldErrors) {
        return showErrors(failure.fields, failure.status === 422 ? failure.message : null);
      }
      showErrors({}, errorMessage(failure));
    }
  }

  const summary: SummaryError[] = [
    ...(general ? [{ targetId: null, message: general }] : []),
    ...Object.entries(errors).map(([path, message]) => ({
      targetId: errorTarget(path, ids, draft),
      message,
    })),
  ];
  return {
    ids,
    draft,
    change,
    usable,
    gateways,
    errors,
    summary,
    summaryRef,
    submit,
    pending: decide.isPending,
  };
}

function decisionIds(formId: string) {
  return {
    decision: `${formId}-decision`,
    reason: `${formId}-reason`,
    connectorSource: `${formId}-connector-source`,
    connectorId: `${formId}-connector-existing`,
    connector: `${formId}-connector`,
    gatewaySource: `${formId}-gateway-source`,
    gatewayId: `${formId}-gateway-existing`,
    gateway: `${formId}-gateway`,
  };
}

/** Nothing decided; an existing connector is offered first when one is usable. */
function initialDraft(request: RequestDetail, usable: Connector[]): DecisionDraft {
  return {
    decision: "",
    reason: "",
    connectorSource: usable.length > 0 ? "existing" : "new",
    connectorId: usable[0]?.id ?? "",
    connector: { ...EMPTY_CONNECTOR, service: request.service ?? "" },
    connectorApi: connectorApiDraftOf(connectorDetailsOf(request)),
    gatewaySource: "existing",
    gatewayId: "",
    gateway: {
      ...EMPTY_GATEWAY,
      kind: request.automation.kind === "DESKTOP_FLOW" ? "MACHINE_GROUP" : "DATA_GATEWAY",
    },
  };
}

function isUsableConnector(connector: Connector): boolean {
  return connector.status === "APPROVED" && new Date(connector.keyExpiresAt).getTime() > Date.now();
}

function decisionBody(draft: DecisionDraft, request: RequestDetail): DecisionBody {
  const body: DecisionBody = {
    decision: draft.decision as Decision,
    reason: draft.reason.trim(),
    version: request.version,
  };
  if (draft.decision !== "APPROVE") return body;
  if (request.type === "SHARED_KEY_CONNECTOR") {
    body.connector =
      draft.connectorSource === "existing"
        ? { connectorId: draft.connectorId }
        : { ...toConnectorFields(draft.connector), ...toOptionalConnectorApi(draft.connectorApi) };
  } else if (draft.gatewaySource === "existing") {
    body.gatewayId = draft.gatewayId;
  } else {
    body.gateway = toGatewayFields(draft.gateway);
  }
  return body;
}

/** The control an error path belongs to ("connector.keyReference" → its input). */
function errorTarget(path: string, ids: DecisionIds, draft: DecisionDraft): string | null {
  const [head, field] = path.split(".");
  if (head === "decision") return `${ids.decision}-APPROVE`;
  if (head === "reason") return ids.reason;
  if (head === "connector" && field === "connectorId") return ids.connectorId;
  if (head === "connector" && field) return connectorErrorTarget(ids.connector, field, draft.connector);
  if (head === "gatewayId") return ids.gatewayId;
  if (head === "gateway" && field) return `${ids.gateway}-${field}`;
  return null;
}

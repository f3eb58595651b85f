"use client";

import { type FormEvent, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { Field, RadioGroup, Select, TextArea } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api-client";
import { formatDate } from "@/lib/automations/labels";
import { ConnectorFields, connectorErrorTarget } from "@/lib/catalog/components/connector-fields";
import { GatewayFields } from "@/lib/catalog/components/gateway-fields";
import type { Connector, Gateway } from "@/lib/catalog/contract";
import {
  type ConnectorDraft,
  checkConnector,
  checkGateway,
  EMPTY_CONNECTOR,
  EMPTY_GATEWAY,
  type FieldErrors,
  fieldsUnder,
  type GatewayDraft,
  toConnectorFields,
  toGatewayFields,
} from "@/lib/catalog/forms";
import { useGateways } from "@/lib/catalog/hooks";
import { GATEWAY_STATUS_BADGES } from "@/lib/catalog/labels";
import type { RequestDetail, RequestRecord } from "@/lib/requests/contract";
import { useDecideRequest } from "@/lib/requests/hooks";
import type { Decision, DecisionBody } from "@/lib/requests/schemas";

type Source = "existing" | "new";

interface DecisionFormProps {
  request: RequestDetail;
  onDecided: (decided: RequestRecord) => void;
  /** Someone decided first (409): the page shows who, with the request as it is now. */
  onConflict: (error: ApiError) => void;
}

/**
 * Approve or reject with a reason. Approving a connector request links an existing connector
 * of the service or creates one; approving a gateway request picks or registers a gateway.
 */
export function DecisionForm({ request, onDecided, onConflict }: DecisionFormProps) {
  const formId = useId();
  const ids = {
    decision: `${formId}-decision`,
    reason: `${formId}-reason`,
    connectorSource: `${formId}-connector-source`,
    connectorId: `${formId}-connector-existing`,
    connector: `${formId}-connector`,
    gatewaySource: `${formId}-gateway-source`,
    gatewayId: `${formId}-gateway-existing`,
    gateway: `${formId}-gateway`,
  };
  const usable = request.suggestedConnectors.filter(isUsableConnector);
  const [decision, setDecision] = useState<Decision | "">("");
  const [reason, setReason] = useState("");
  const [connectorSource, setConnectorSource] = useState<Source>(usable.length > 0 ? "existing" : "new");
  const [connectorId, setConnectorId] = useState(usable[0]?.id ?? "");
  const [connector, setConnector] = useState<ConnectorDraft>({
    ...EMPTY_CONNECTOR,
    service: request.service ?? "",
  });
  const [gatewaySource, setGatewaySource] = useState<Source>("existing");
  const [gatewayId, setGatewayId] = useState("");
  const [gateway, setGateway] = useState<GatewayDraft>({
    ...EMPTY_GATEWAY,
    kind: request.automation.kind === "DESKTOP_FLOW" ? "MACHINE_GROUP" : "DATA_GATEWAY",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const decide = useDecideRequest(request.id);
  const gateways = useGateways();

  const approving = decision === "APPROVE";
  const isConnector = request.type === "SHARED_KEY_CONNECTOR";

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (!decision) found.decision = "Choose whether to approve or reject the request";
    if (!reason.trim()) {
      found.reason =
        decision === "REJECT"
          ? "Give the reason for rejecting: the maker reads it"
          : "Give a reason for the decision: the maker reads it";
    }
    if (!approving) return found;
    if (isConnector) {
      if (connectorSource === "existing") {
        if (!connectorId) found["connector.connectorId"] = "Choose the connector to link";
      } else {
        for (const [field, message] of Object.entries(checkConnector(connector, { withService: false }))) {
          found[`connector.${field}`] = message;
        }
      }
    } else if (gatewaySource === "existing") {
      if (!gatewayId) found.gatewayId = "Choose the gateway the automation uses";
    } else {
      for (const [field, message] of Object.entries(checkGateway(gateway)))
        found[`gateway.${field}`] = message;
    }
    return found;
  }

  function toBody(): DecisionBody {
    const body: DecisionBody = {
      decision: decision as Decision,
      reason: reason.trim(),
      version: request.version,
    };
    if (!approving) return body;
    if (isConnector) {
      body.connector = connectorSource === "existing" ? { connectorId } : toConnectorFields(connector);
    } else if (gatewaySource === "existing") {
      body.gatewayId = gatewayId;
    } else {
      body.gateway = toGatewayFields(gateway);
    }
    return body;
  }

  /** The control an error path belongs to ("connector.keyReference" → its input). */
  function targetOf(path: string): string | null {
    const [head, field] = path.split(".");
    if (head === "decision") return `${ids.decision}-APPROVE`;
    if (head === "reason") return ids.reason;
    if (head === "connector" && field === "connectorId") return ids.connectorId;
    if (head === "connector" && field) return connectorErrorTarget(ids.connector, field, connector);
    if (head === "gatewayId") return ids.gatewayId;
    if (head === "gateway" && field) return `${ids.gateway}-${field}`;
    return null;
  }

  function showErrors(found: FieldErrors, message: string | null) {
    setErrors(found);
    setGeneral(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check();
    if (Object.keys(found).length > 0) return showErrors(found, null);
    setErrors({});
    setGeneral(null);
    try {
      onDecided(await decide.mutateAsync(toBody()));
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
    ...Object.entries(errors).map(([path, message]) => ({ targetId: targetOf(path), message })),
  ];
  const connectorErrors = fieldsUnder(errors, "connector");
  const gatewayErrors = fieldsUnder(errors, "gateway");

  return (
    <form noValidate onSubmit={submit} aria-label="Decide this request" className="space-y-5">
      <ErrorSummary
        ref={summaryRef}
        errors={summary}
        onSelect={(error) => error.targetId && focusControl(error.targetId)}
      />
      <RadioGroup
        id={ids.decision}
        name={ids.decision}
        legend="Decision"
        value={decision}
        error={errors.decision}
        required
        columns={2}
        onChange={setDecision}
        options={[
          {
            value: "APPROVE",
            label: "Approve",
            description: isConnector
              ? "Link or create the connector; the automation's prerequisite is satisfied at once."
              : "Assign a gateway; the automation's prerequisite is satisfied at once.",
          },
          { value: "REJECT", label: "Reject", description: "The maker sees your reason and can ask again." },
        ]}
      />
      <Field
        id={ids.reason}
        label="Reason"
        required
        hint="The maker reads this with the decision."
        error={errors.reason}
      >
        {(control) => (
          <TextArea
            {...control}
            rows={3}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>

      {approving && isConnector ? (
        <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-base font-semibold text-slate-900">
            Connector for {request.service ?? "the service"}
          </legend>
          <RadioGroup
            id={ids.connectorSource}
            name={ids.connectorSource}
            legend="Which connector"
            value={connectorSource}
            onChange={setConnectorSource}
            options={[
              {
                value: "existing",
                label: "Link an existing connector",
                description:
                  usable.length > 0
                    ? `${usable.length} approved ${usable.length === 1 ? "connector exists" : "connectors exist"} for this service.`
                    : "No approved, unexpired connector exists for this service yet.",
              },
              { value: "new", label: "Create a new connector", description: "Record the key IT set up." },
            ]}
          />
          {connectorSource === "existing" ? (
            <ExistingConnectors
              id={ids.connectorId}
              connectors={usable}
              value={connectorId}
              onChange={setConnectorId}
              error={errors["connector.connectorId"]}
            />
          ) : (
            <ConnectorFields
              idPrefix={ids.connector}
              value={connector}
              onChange={setConnector}
              errors={connectorErrors}
            />
          )}
        </fieldset>
      ) : null}

      {approving && !isConnector ? (
        <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-base font-semibold text-slate-900">Gateway</legend>
          <RadioGroup
            id={ids.gatewaySource}
            name={ids.gatewaySource}
            legend="Which gateway"
            value={gatewaySource}
            onChange={setGatewaySource}
            options={[
              { value: "existing", label: "Use an existing gateway" },
              { value: "new", label: "Register a new gateway" },
            ]}
          />
          {gatewaySource === "existing" ? (
            <Field
              id={ids.gatewayId}
              label="Gateway"
              required
              hint="Online gateways first. An offline one does not satisfy the prerequisite until it is back."
              error={errors.gatewayId}
            >
              {(control) => (
                <Select {...control} value={gatewayId} onChange={(event) => setGatewayId(event.target.value)}>
                  <option value="">
                    {gateways.isPending
                      ? "Loading gateways…"
                      : gateways.isError
                        ? "Gateways could not be loaded"
                        : "Choose a gateway"}
                  </option>
                  <GatewayOptions gateways={gateways.data?.items ?? []} />
                </Select>
              )}
            </Field>
          ) : (
            <GatewayFields
              idPrefix={ids.gateway}
              value={gateway}
              onChange={setGateway}
              errors={gatewayErrors}
            />
          )}
        </fieldset>
      ) : null}

      <Button type="submit" pending={decide.isPending} pendingText="Recording the decision…">
        {decision === "APPROVE"
          ? "Approve request"
          : decision === "REJECT"
            ? "Reject request"
            : "Record decision"}
      </Button>
    </form>
  );
}

function isUsableConnector(connector: Connector): boolean {
  return connector.status === "APPROVED" && new Date(connector.keyExpiresAt).getTime() > Date.now();
}

function sharingText(connector: Connector): string {
  if (connector.sharing === "ALL") return "shared with all departments";
  const names = connector.departments.map((d) => d.name).filter(Boolean);
  return names.length > 0 ? `shared with ${names.join(", ")}` : "shared with listed departments";
}

function ExistingConnectors({
  id,
  connectors,
  value,
  onChange,
  error,
}: {
  id: string;
  connectors: Connector[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  if (connectors.length === 0) {
    return (
      <p id={id} tabIndex={-1} className="text-sm text-slate-700">
        There is nothing to link: create a new connector instead.
      </p>
    );
  }
  return (
    <RadioGroup
      id={id}
      name={id}
      legend="Connector to link"
      value={value}
      error={error}
      onChange={onChange}
      options={connectors.map((connector) => ({
        value: connector.id,
        label: connector.name,
        description: `Key expires ${formatDate(connector.keyExpiresAt)}; ${sharingText(connector)}${
          connector.ownerTeam ? `; owned by ${connector.ownerTeam}` : ""
        }.`,
      }))}
    />
  );
}

function GatewayOptions({ gateways }: { gateways: ReadonlyArray<Gateway> }) {
  const online = gateways.filter((g) => g.status === "ONLINE");
  const offline = gateways.filter((g) => g.status === "OFFLINE");
  const option = (gateway: Gateway) => (
    <option key={gateway.id} value={gateway.id}>
      {gateway.name}
      {gateway.cluster ? ` — ${gateway.cluster}` : ""}
      {gateway.region ? `, ${gateway.region}` : ""}
      {gateway.status !== "ONLINE" ? ` (${GATEWAY_STATUS_BADGES[gateway.status].label.toLowerCase()})` : ""}
    </option>
  );
  return (
    <>
      {online.length > 0 ? <optgroup label="Online">{online.map(option)}</optgroup> : null}
      {offline.length > 0 ? <optgroup label="Offline">{offline.map(option)}</optgroup> : null}
    </>
  );
}

"use client";

import { SelectField } from "@/components/ui/field";
import { GatewayFields } from "@/lib/catalog/components/gateway-fields";
import type { DataSource, Gateway } from "@/lib/catalog/contract";
import { hasDataSource } from "@/lib/catalog/details-forms";
import { type FieldErrors, fieldsUnder } from "@/lib/catalog/forms";
import type { useGateways } from "@/lib/catalog/hooks";
import { dataSourceSummary, GATEWAY_STATUS_BADGES } from "@/lib/catalog/labels";
import { ExistingOrNew } from "@/lib/requests/components/existing-or-new";
import type { DecisionDraft, DecisionIds } from "@/lib/requests/components/use-decision-form";

interface GatewayDecisionProps {
  /** The data source the request names; approving lists it on the gateway. */
  dataSource: DataSource | null;
  ids: DecisionIds;
  draft: DecisionDraft;
  change: (patch: Partial<DecisionDraft>) => void;
  gateways: ReturnType<typeof useGateways>;
  errors: FieldErrors;
}

/** Approving a gateway request: pick a registered gateway, or register a new one. */
export function GatewayDecision({ dataSource, ids, draft, change, gateways, errors }: GatewayDecisionProps) {
  return (
    <ExistingOrNew
      legend="Gateway"
      intro={
        dataSource ? (
          <p className="text-sm text-slate-700">
            Approving adds <span className="font-medium text-slate-900">{dataSourceSummary(dataSource)}</span>{" "}
            to the gateway's data sources, unless it lists it already.
          </p>
        ) : null
      }
      id={ids.gatewaySource}
      question="Which gateway"
      value={draft.gatewaySource}
      onChange={(gatewaySource) => change({ gatewaySource })}
      options={[
        { value: "existing", label: "Use an existing gateway" },
        { value: "new", label: "Register a new gateway" },
      ]}
      existing={
        <SelectField
          id={ids.gatewayId}
          label="Gateway"
          required
          hint="Online gateways first. An offline one does not satisfy the prerequisite until it is back."
          error={errors.gatewayId}
          value={draft.gatewayId}
          onChange={(event) => change({ gatewayId: event.target.value })}
        >
          <option value="">
            {gateways.isPending
              ? "Loading gateways…"
              : gateways.isError
                ? "Gateways could not be loaded"
                : "Choose a gateway"}
          </option>
          <GatewayOptions gateways={gateways.data?.items ?? []} dataSource={dataSource} />
        </SelectField>
      }
      created={
        <GatewayFields
          idPrefix={ids.gateway}
          value={draft.gateway}
          onChange={(gateway) => change({ gateway })}
          errors={fieldsUnder(errors, "gateway")}
        />
      }
    />
  );
}

function GatewayOptions({
  gateways,
  dataSource,
}: {
  gateways: ReadonlyArray<Gateway>;
  dataSource: DataSource | null;
}) {
  const online = gateways.filter((g) => g.status === "ONLINE");
  const offline = gateways.filter((g) => g.status === "OFFLINE");
  const option = (gateway: Gateway) => (
    <option key={gateway.id} value={gateway.id}>
      {gateway.name}
      {gateway.cluster ? ` — ${gateway.cluster}` : ""}
      {gateway.region ? `, ${gateway.region}` : ""}
      {gateway.status !== "ONLINE" ? ` (${GATEWAY_STATUS_BADGES[gateway.status].label.toLowerCase()})` : ""}
      {dataSource && hasDataSource(gateway.dataSources, dataSource)
        ? " · already serves this data source"
        : ""}
    </option>
  );
  return (
    <>
      {online.length > 0 ? <optgroup label="Online">{online.map(option)}</optgroup> : null}
      {offline.length > 0 ? <optgroup label="Offline">{offline.map(option)}</optgroup> : null}
    </>
  );
}

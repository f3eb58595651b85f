"use client";

import { RadioGroup } from "@/components/ui/field";
import { formatDate } from "@/lib/automations/labels";
import { ConnectorApiFields } from "@/lib/catalog/components/connector-api-fields";
import { ConnectorFields } from "@/lib/catalog/components/connector-fields";
import type { Connector } from "@/lib/catalog/contract";
import { type FieldErrors, fieldsUnder } from "@/lib/catalog/forms";
import { ExistingOrNew } from "@/lib/requests/components/existing-or-new";
import type { DecisionDraft, DecisionIds } from "@/lib/requests/components/use-decision-form";

interface ConnectorDecisionProps {
  service: string | null;
  ids: DecisionIds;
  draft: DecisionDraft;
  change: (patch: Partial<DecisionDraft>) => void;
  /** The service's approved, unexpired connectors. */
  usable: Connector[];
  errors: FieldErrors;
}

/** Approving a connector request: link an existing connector of the service, or create one. */
export function ConnectorDecision({ service, ids, draft, change, usable, errors }: ConnectorDecisionProps) {
  return (
    <ExistingOrNew
      legend={<>Connector for {service ?? "the service"}</>}
      id={ids.connectorSource}
      question="Which connector"
      value={draft.connectorSource}
      onChange={(connectorSource) => change({ connectorSource })}
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
      existing={
        <ExistingConnectors
          id={ids.connectorId}
          connectors={usable}
          value={draft.connectorId}
          onChange={(connectorId) => change({ connectorId })}
          error={errors["connector.connectorId"]}
        />
      }
      created={
        <>
          <ConnectorFields
            idPrefix={ids.connector}
            value={draft.connector}
            onChange={(connector) => change({ connector })}
            errors={fieldsUnder(errors, "connector")}
          />
          <fieldset className="space-y-4 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold text-slate-900">The API it calls</legend>
            <p className="text-sm text-slate-700">
              Filled in from the maker's request: change what IT approves differently, e.g. fewer scopes. A
              field left empty takes the request's value.
            </p>
            <ConnectorApiFields
              idPrefix={ids.connector}
              value={draft.connectorApi}
              onChange={(connectorApi) => change({ connectorApi })}
              errors={fieldsUnder(errors, "connector")}
              required={false}
            />
          </fieldset>
        </>
      }
    />
  );
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

"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { controlId } from "@/lib/automations/form";
import { formatDate } from "@/lib/automations/labels";
import type { Connector } from "@/lib/catalog/contract";
import { useConnectors } from "@/lib/catalog/hooks";
import { normaliseKey } from "@/lib/domain/prerequisites";
import { useDebouncedValue } from "@/lib/use-debounced-value";

interface ConnectorPickerProps {
  index: number;
  systemLabel: string;
  service: string;
  onPick: (service: string) => void;
}

function usable(connector: Connector): boolean {
  return connector.status === "APPROVED" && new Date(connector.keyExpiresAt).getTime() > Date.now();
}

/** Search the catalog of shared-key connectors IT provides, and use one for this system. */
export function ConnectorPicker({ index, systemLabel, service, onPick }: ConnectorPickerProps) {
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const enabled = q.length >= 2;
  const connectors = useConnectors(q, { enabled });
  const id = controlId(`systems.${index}.connectorSearch`);
  const items = connectors.data?.items ?? [];
  const current = normaliseKey(service);

  let status = "";
  if (!enabled) status = "";
  else if (connectors.isPending) status = "Searching the catalog…";
  else if (connectors.isError) status = `The catalog could not be searched: ${connectors.error.message}`;
  else if (items.length === 0)
    status = `No connector matches “${q}”. Name the service below, and request a connector for it once the automation is registered.`;
  else status = `${items.length} ${items.length === 1 ? "connector" : "connectors"} found.`;

  return (
    <div className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <TextField
        id={id}
        label="Search approved connectors"
        hint="IT shares connectors for services used across the company. Type at least two letters of the service or connector, e.g. “sap”."
        type="search"
        autoComplete="off"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onKeyDown={(event) => {
          // Enter searches; it must not submit the wizard step.
          if (event.key === "Enter") event.preventDefault();
        }}
      />
      <p aria-live="polite" className="text-sm text-slate-700">
        {status}
      </p>
      {enabled && items.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {items.map((connector) => {
            const inUse = normaliseKey(connector.service) === current;
            return (
              <li key={connector.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-slate-900">
                    {connector.name}{" "}
                    <span className="font-normal text-slate-600">· service {connector.service}</span>
                  </p>
                  <p className="text-slate-600">
                    {usable(connector) ? (
                      <>Key valid until {formatDate(connector.keyExpiresAt)}</>
                    ) : (
                      <Badge tone="danger" value={connector.status}>
                        {connector.status === "REVOKED" ? "Revoked" : "Key expired"}
                      </Badge>
                    )}
                    {connector.ownerTeam ? <> · provided by {connector.ownerTeam}</> : null}
                  </p>
                </div>
                {inUse ? (
                  <span className="text-sm font-medium text-emerald-800">
                    <span aria-hidden="true">✓ </span>Used for {systemLabel}
                  </span>
                ) : (
                  <Button variant="secondary" size="sm" onClick={() => onPick(connector.service)}>
                    Use {connector.name}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

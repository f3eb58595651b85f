"use client";

import { FactList } from "@/components/ui/detail";
import { connectorApiFacts, dataSourceFacts } from "@/lib/catalog/components/details-facts";
import type { RequestRecord } from "@/lib/requests/contract";
import { connectorDetailsOf, gatewayDetailsOf, requestDetailsSummary } from "@/lib/requests/details";

/** What a request names, on one line of a list; nothing for a request filed before details. */
export function RequestDetailsLine({ request }: { request: Pick<RequestRecord, "type" | "details"> }) {
  const summary = requestDetailsSummary(request);
  if (!summary) return null;
  return (
    <p className="max-w-sm break-words text-slate-800" title={summary}>
      {summary}
    </p>
  );
}

/** What a request names, as facts: the data source behind the gateway, or the API behind the connector. */
export function RequestDetailsFacts({ request }: { request: Pick<RequestRecord, "type" | "details"> }) {
  const source = gatewayDetailsOf(request);
  const api = connectorDetailsOf(request);
  const facts = source ? dataSourceFacts(source) : api ? connectorApiFacts(api) : null;
  if (!facts) {
    return (
      <p className="text-sm text-slate-700">
        This request was filed before requests named their{" "}
        {request.type === "GATEWAY" ? "data source" : "API"}: ask the requester in a comment.
      </p>
    );
  }
  return <FactList facts={facts} />;
}

import type { DataSource } from "@/lib/catalog/contract";
import { connectorApiSummary, dataSourceSummary } from "@/lib/catalog/labels";
import type { ConnectorRequestDetails, RequestRecord } from "@/lib/requests/contract";

// A request's details by its type: a gateway request names a data source, a connector request
// an API; requests filed before details were asked for have none. Pure helpers.

export function gatewayDetailsOf(request: Pick<RequestRecord, "type" | "details">): DataSource | null {
  const { details } = request;
  return request.type === "GATEWAY" && details && !("vendor" in details) ? details : null;
}

export function connectorDetailsOf(
  request: Pick<RequestRecord, "type" | "details">,
): ConnectorRequestDetails | null {
  const { details } = request;
  return request.type === "SHARED_KEY_CONNECTOR" && details && "vendor" in details ? details : null;
}

/** One line for lists: "Microsoft SQL Server · sql-fin-01 / FinanceDW · Production", or null. */
export function requestDetailsSummary(request: Pick<RequestRecord, "type" | "details">): string | null {
  const source = gatewayDetailsOf(request);
  if (source) return dataSourceSummary(source);
  const api = connectorDetailsOf(request);
  return api ? connectorApiSummary(api) : null;
}

import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requirePageCaller } from "@/lib/auth/server/session";
import { ConnectorDetailView } from "@/lib/catalog/components/connector-detail";

export const metadata: Metadata = { title: "Connector" };

export default async function ConnectorPage({ params }: { params: Promise<{ id: string }> }) {
  const canWrite = can(await requirePageCaller("catalog:read"), "catalog:write");
  const { id } = await params;
  return <ConnectorDetailView id={id} canWrite={canWrite} />;
}

import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requirePageCaller } from "@/lib/auth/server/session";
import { GatewayDetailView } from "@/lib/catalog/components/gateway-detail";

export const metadata: Metadata = { title: "Gateway" };

export default async function GatewayPage({ params }: { params: Promise<{ id: string }> }) {
  const canWrite = can(await requirePageCaller("catalog:read"), "catalog:write");
  const { id } = await params;
  return <GatewayDetailView id={id} canWrite={canWrite} />;
}

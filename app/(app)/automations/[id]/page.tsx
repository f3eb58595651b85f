import type { Metadata } from "next";
import { requirePageCaller } from "@/lib/auth/server/session";
import { AutomationDetailView } from "@/lib/automations/components/automation-detail";

export const metadata: Metadata = { title: "Automation" };

export default async function AutomationPage({ params }: { params: Promise<{ id: string }> }) {
  // Record-level scope (own / department / all) is the API's: a foreign id is a 404 there.
  await requirePageCaller(["automation:read:own", "automation:read:department", "automation:read:all"]);
  const { id } = await params;
  return <AutomationDetailView id={id} />;
}

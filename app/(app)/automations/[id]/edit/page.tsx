import type { Metadata } from "next";
import { requirePageCaller } from "@/lib/auth/server/session";
import { EditAutomation } from "@/lib/automations/components/edit-automation";

export const metadata: Metadata = { title: "Edit automation" };

export default async function EditAutomationPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageCaller("automation:create");
  const { id } = await params;
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">Edit automation</h1>
      <EditAutomation id={id} />
    </div>
  );
}

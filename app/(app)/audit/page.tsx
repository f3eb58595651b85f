import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { AuditLog } from "@/lib/audit/components/audit-log";
import { requirePageCaller } from "@/lib/auth/server/session";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage() {
  await requirePageCaller("audit:read");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit trail</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Every change in Preflight — who, what, when, before and after — newest first. Select a person or a
          record in the table to see only their events.
        </p>
      </div>
      {/* The trail reads its filters from the URL's query string. */}
      <Suspense fallback={<Loading>Loading the audit trail…</Loading>}>
        <AuditLog />
      </Suspense>
    </div>
  );
}

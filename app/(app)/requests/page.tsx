import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { canAny } from "@/lib/auth/permissions";
import { requirePageCaller } from "@/lib/auth/server/session";
import { listDashboardDepartments } from "@/lib/dashboard/server/dashboard-scope";
import { RequestList } from "@/lib/requests/components/request-list";

export const metadata: Metadata = { title: "Requests" };

export default async function RequestsPage() {
  const caller = await requirePageCaller(["request:read:own", "request:read:department", "request:read:all"]);
  // Makers see their own; managers (the dashboard's pending-request numbers link here) see
  // their departments', with a department filter; IT sees all.
  const beyondOwn = canAny(caller, ["request:read:department", "request:read:all"]);
  const departments = beyondOwn ? await listDashboardDepartments(caller) : [];
  const title = beyondOwn ? "Requests" : "My requests";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          {beyondOwn
            ? "Connectors and gateway access makers asked IT for, and what IT decided."
            : "Connectors and gateway access you asked IT for, and what IT decided."}
        </p>
      </div>
      <Suspense fallback={<Loading>Loading requests…</Loading>}>
        <RequestList title={title} departments={departments} />
      </Suspense>
    </div>
  );
}

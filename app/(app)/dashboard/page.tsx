import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { can } from "@/lib/auth/permissions";
import { requirePageCaller } from "@/lib/auth/server/session";
import { Dashboard } from "@/lib/dashboard/components/dashboard";
import { listDashboardDepartments } from "@/lib/dashboard/server/dashboard-scope";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const caller = await requirePageCaller("dashboard:read");
  const departments = await listDashboardDepartments(caller);
  const company = can(caller, "dashboard:read:all");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Which automations can take off, what the others are still waiting for, and what is about to expire.
          Every number opens the list behind it.
        </p>
      </div>
      {/* The dashboard reads its department filter from the URL's query string. */}
      <Suspense fallback={<Loading>Loading the dashboard…</Loading>}>
        <Dashboard departments={departments} company={company} />
      </Suspense>
    </div>
  );
}

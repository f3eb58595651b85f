import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { requirePageCaller } from "@/lib/auth/server/session";
import { listDashboardDepartments } from "@/lib/dashboard/server/dashboard-scope";
import { PrerequisiteList } from "@/lib/prerequisites/components/prerequisite-list";

export const metadata: Metadata = { title: "Prerequisites" };

export default async function PrerequisitesPage() {
  // Record-level scope (own / department / all) is applied by the API's query.
  const caller = await requirePageCaller([
    "automation:read:own",
    "automation:read:department",
    "automation:read:all",
  ]);
  const departments = await listDashboardDepartments(caller);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Prerequisites</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          The sign-ins each automation needs before it can run, and where each one stands. Automations that
          are retired are left out.
        </p>
      </div>
      {/* The list reads its filters from the URL's query string. */}
      <Suspense fallback={<Loading>Loading prerequisites…</Loading>}>
        <PrerequisiteList departments={departments} />
      </Suspense>
    </div>
  );
}

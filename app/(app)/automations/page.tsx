import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { can, canAny } from "@/lib/auth/permissions";
import { requirePageCaller } from "@/lib/auth/server/session";
import { AutomationList } from "@/lib/automations/components/automation-list";
import { listDashboardDepartments } from "@/lib/dashboard/server/dashboard-scope";

export const metadata: Metadata = { title: "Automations" };

export default async function AutomationsPage() {
  const caller = await requirePageCaller([
    "automation:read:own",
    "automation:read:department",
    "automation:read:all",
  ]);
  // Makers see their own; managers and IT see their departments' or everyone's, with a
  // department filter (the dashboard's numbers link here with ?status=&departmentId=).
  const beyondOwn = canAny(caller, ["automation:read:department", "automation:read:all"]);
  const departments = beyondOwn ? await listDashboardDepartments(caller) : [];
  const title = beyondOwn ? "Automations" : "My automations";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          <p className="mt-1 max-w-3xl text-slate-600">
            Each one is ready to take off when every sign-in it needs is in place.
          </p>
        </div>
        {can(caller, "automation:create") ? (
          <ButtonLink href="/automations/new" variant="primary">
            Register an automation
          </ButtonLink>
        ) : null}
      </div>
      {/* The list reads its filters from the URL's query string. */}
      <Suspense fallback={<Loading>Loading automations…</Loading>}>
        <AutomationList
          title={title}
          departments={departments}
          canReassign={canAny(caller, ["automation:reassign:department", "automation:reassign:all"])}
        />
      </Suspense>
    </div>
  );
}

import { DetailSection } from "@/components/ui/detail";
import { Stat } from "@/components/ui/stat";
import { requirePageCaller } from "@/lib/auth/server/session";
import { getCompanyOverview } from "@/lib/overview/server/get-company-overview";

export default async function HomePage() {
  // Every signed-in person sees the company's headline numbers (counts only, no records).
  const caller = await requirePageCaller();
  const overview = await getCompanyOverview({ caller });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Company overview</h1>
        <p className="mt-1 text-slate-600">
          Every automation needs its sign-ins in place before it takes off. This is where the company stands.
        </p>
      </div>
      <DetailSection id="automations" heading="Automations">
        <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          <Stat label="Registered" value={overview.automations.total} />
          <Stat label="Ready" value={overview.automations.ready} />
          <Stat label="Pending" value={overview.automations.pending} />
          <Stat label="Blocked" value={overview.automations.blocked} />
        </div>
      </DetailSection>
      <DetailSection id="company" heading="Prerequisites and catalog">
        <div className="grid grid-cols-2 gap-4 lg:grid-cols-3">
          <Stat label="Outstanding prerequisites" value={overview.outstandingPrerequisites} />
          <Stat label="Pending requests" value={overview.pendingRequests} />
          <Stat label="Approved connectors" value={overview.approvedConnectors} />
          <Stat label="Online gateways" value={overview.onlineGateways} />
          <Stat label="Departments" value={overview.departments} />
          <Stat label="People" value={overview.people} />
        </div>
      </DetailSection>
    </div>
  );
}

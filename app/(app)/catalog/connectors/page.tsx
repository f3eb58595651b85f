import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { requirePageCaller } from "@/lib/auth/server/session";
import { ConnectorList } from "@/lib/catalog/components/connector-list";

export const metadata: Metadata = { title: "Connectors" };

export default async function ConnectorsPage() {
  // ADMIN reads the catalog too; only IT changes it.
  const canWrite = can(await requirePageCaller("catalog:read"), "catalog:write");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Connectors</h1>
          <p className="mt-1 max-w-3xl text-slate-600">
            Shared keys IT set up for company-wide services. An approved, unexpired connector satisfies every
            automation of its service in the departments it is shared with.
          </p>
        </div>
        {canWrite ? (
          <ButtonLink href="/catalog/connectors/new" variant="primary">
            Add a connector
          </ButtonLink>
        ) : null}
      </div>
      <Suspense fallback={<Loading>Loading connectors…</Loading>}>
        <ConnectorList canWrite={canWrite} />
      </Suspense>
    </div>
  );
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { requirePageCaller } from "@/lib/auth/server/session";
import { GatewayList } from "@/lib/catalog/components/gateway-list";

export const metadata: Metadata = { title: "Gateways" };

export default async function GatewaysPage() {
  // ADMIN reads the catalog too; only IT changes it.
  const canWrite = can(await requirePageCaller("catalog:read"), "catalog:write");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Gateways</h1>
          <p className="mt-1 max-w-3xl text-slate-600">
            On-premises data gateways and machine groups. An online one satisfies the gateway prerequisite of
            the automations assigned to it.
          </p>
        </div>
        {canWrite ? (
          <ButtonLink href="/catalog/gateways/new" variant="primary">
            Register a gateway
          </ButtonLink>
        ) : null}
      </div>
      <Suspense fallback={<Loading>Loading gateways…</Loading>}>
        <GatewayList canWrite={canWrite} />
      </Suspense>
    </div>
  );
}

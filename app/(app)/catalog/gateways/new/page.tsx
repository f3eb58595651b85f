import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCaller } from "@/lib/auth/server/session";
import { NewGatewayForm } from "@/lib/catalog/components/new-gateway";

export const metadata: Metadata = { title: "Register a gateway" };

export default async function NewGatewayPage() {
  await requirePageCaller("catalog:write");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p className="text-sm">
          <Link href="/catalog/gateways" className="text-brand-700 underline-offset-2 hover:underline">
            <span aria-hidden="true">← </span>Gateways
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Register a gateway</h1>
        <p className="max-w-3xl text-slate-600">
          An on-premises data gateway lets cloud flows reach systems inside the company network; a machine
          group runs desktop flows.
        </p>
      </div>
      <NewGatewayForm />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCaller } from "@/lib/auth/server/session";
import { NewConnectorForm } from "@/lib/catalog/components/new-connector";

export const metadata: Metadata = { title: "Add a connector" };

export default async function NewConnectorPage() {
  await requirePageCaller("catalog:write");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p className="text-sm">
          <Link href="/catalog/connectors" className="text-brand-700 underline-offset-2 hover:underline">
            <span aria-hidden="true">← </span>Connectors
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Add a connector</h1>
        <p className="max-w-3xl text-slate-600">
          Record a shared key IT has set up. Preflight stores where the key lives, never the key itself.
        </p>
      </div>
      <NewConnectorForm />
    </div>
  );
}

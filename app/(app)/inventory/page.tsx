import type { Metadata } from "next";
import { requirePageCaller } from "@/lib/auth/server/session";
import { listDepartments } from "@/lib/departments/server/list-departments";
import { ImportPanel } from "@/lib/inventory/components/import-panel";

export const metadata: Metadata = { title: "Inventory import" };

export default async function InventoryPage() {
  const caller = await requirePageCaller("inventory:import");
  const departments = await listDepartments({ caller });
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Inventory import</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Bring in the flows your tenant already runs: each becomes one automation, with the sign-in methods
          the export can tell shown as inferred until its owner confirms them, and findings where the tenant
          differs from what was declared. Importing the same files again changes nothing.
        </p>
      </div>
      <ImportPanel departments={departments.map(({ id, name }) => ({ id, name }))} />
    </div>
  );
}

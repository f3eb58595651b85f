import { type Column, DataTable } from "@/components/ui/data-table";
import type { SystemAccess } from "@/lib/automations/contract";
import {
  formatDate,
  LOCATION_LABELS,
  SIGN_IN_LABELS,
  STORE_LABELS,
  WINDOWS_ACCOUNT_OPTIONS,
} from "@/lib/automations/labels";

function details(system: SystemAccess): string {
  switch (system.signInMethod) {
    case "USERNAME_PASSWORD": {
      if (system.sso) return "Single sign-on";
      const ref = system.credentialReference;
      return ref
        ? `${STORE_LABELS[ref.store]}: ${ref.name}, owner ${ref.owner}, rotates ${formatDate(ref.rotatesAt)}`
        : "Credential reference not recorded";
    }
    case "SHARED_KEY":
      return system.service ? `Service ${system.service}` : "No service recorded";
    case "WINDOWS": {
      const type = WINDOWS_ACCOUNT_OPTIONS.find((o) => o.value === system.windowsAccountType)?.label;
      return [
        system.machineGroup ? `Machine ${system.machineGroup}` : "Machine not recorded",
        system.windowsAccount
          ? `account ${system.windowsAccount}${type ? ` (${type.toLowerCase()})` : ""}`
          : "account not recorded",
      ].join(", ");
    }
    default:
      return "Each person who runs it signs in with their own work account";
  }
}

const COLUMNS: ReadonlyArray<Column<SystemAccess>> = [
  {
    key: "system",
    header: "System",
    rowHeader: true,
    cellClassName: "text-slate-900",
    cell: (system) => system.name,
  },
  {
    key: "location",
    header: "Where",
    cellClassName: "whitespace-nowrap text-slate-700",
    cell: (system) => LOCATION_LABELS[system.location],
  },
  {
    key: "signIn",
    header: "Signs in with",
    cellClassName: "text-slate-700",
    cell: (system) => (
      <>
        {SIGN_IN_LABELS[system.signInMethod]}
        {system.inferred ? (
          <span className="block text-amber-800">Inferred from the tenant — confirm</span>
        ) : null}
      </>
    ),
  },
  { key: "details", header: "Details", cellClassName: "text-slate-700", cell: details },
];

export function SystemsTable({ systems }: { systems: ReadonlyArray<SystemAccess> }) {
  return (
    <DataTable
      caption="The systems it signs in to"
      columns={COLUMNS}
      rows={systems}
      rowKey={(system) => system.id ?? system.name}
      alignTop
    />
  );
}

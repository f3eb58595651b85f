import type { SystemAccessDto } from "../api-types";
import {
  formatDate,
  LOCATION_LABELS,
  SIGN_IN_LABELS,
  STORE_LABELS,
  WINDOWS_ACCOUNT_OPTIONS,
} from "../labels";

function details(system: SystemAccessDto): string {
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

export function SystemsTable({ systems }: { systems: ReadonlyArray<SystemAccessDto> }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">The systems it signs in to</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              System
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Where
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Signs in with
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {systems.map((system) => (
            <tr key={system.id ?? system.name} className="align-top">
              <th scope="row" className="px-3 py-2 font-medium text-slate-900">
                {system.name}
              </th>
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                {LOCATION_LABELS[system.location]}
              </td>
              <td className="px-3 py-2 text-slate-700">{SIGN_IN_LABELS[system.signInMethod]}</td>
              <td className="px-3 py-2 text-slate-700">{details(system)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

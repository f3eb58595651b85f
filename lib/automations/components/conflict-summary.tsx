import type { Automation } from "@/lib/automations/contract";
import { KIND_LABELS, LOCATION_LABELS, RUN_MODE_LABELS, SIGN_IN_LABELS } from "@/lib/automations/labels";

/** The values of another person's version, shown beside the maker's unsaved draft. */
export function ConflictSummary({ automation }: { automation: Automation }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 rounded-md bg-white/70 p-3 text-sm text-slate-900 sm:grid-cols-[auto_1fr]">
      <dt className="font-medium">Name</dt>
      <dd>{automation.name}</dd>
      <dt className="font-medium">What it does</dt>
      <dd>{automation.description || "—"}</dd>
      <dt className="font-medium">Kind</dt>
      <dd>{KIND_LABELS[automation.kind] ?? automation.kind}</dd>
      <dt className="font-medium">Run mode</dt>
      <dd>{RUN_MODE_LABELS[automation.runMode] ?? automation.runMode}</dd>
      {automation.department ? (
        <>
          <dt className="font-medium">Department</dt>
          <dd>{automation.department.name}</dd>
        </>
      ) : null}
      <dt className="font-medium">Runs as</dt>
      <dd>{automation.runAs || "—"}</dd>
      <dt className="font-medium">Systems</dt>
      <dd>
        {automation.systems.length === 0 ? (
          "—"
        ) : (
          <ul className="list-disc pl-5">
            {automation.systems.map((system) => (
              <li key={system.id ?? system.name}>
                {system.name} — {LOCATION_LABELS[system.location] ?? system.location},{" "}
                {SIGN_IN_LABELS[system.signInMethod] ?? system.signInMethod}
                {system.service ? `, service ${system.service}` : ""}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

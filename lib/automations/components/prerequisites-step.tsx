"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PrerequisiteList } from "@/lib/automations/components/prerequisite-list";
import { AutomationStatusBadge } from "@/lib/automations/components/status-badges";
import type { StepProps } from "@/lib/automations/components/step-props";
import { fixTarget } from "@/lib/automations/form";

/** What the request form asks, so the maker can have it ready. */
const REQUEST_ASKS: Partial<Record<string, string>> = {
  REQUEST_GATEWAY:
    "Have ready the system it reaches: its kind, server, database or path, and whether it is production, test or development.",
  REQUEST_CONNECTOR:
    "Have ready the API it calls: the vendor, its https address, how it checks callers, the scopes needed and how sensitive the data is.",
};

/** Step 3: the prerequisites the answers create, worked out live by the prerequisite engine. */
export function PrerequisitesStep({
  draft,
  live: { derivation, checkingCatalog, catalogFailed },
  showControl: onFix,
  mode,
}: Pick<StepProps, "draft" | "live" | "showControl" | "mode">) {
  if (!derivation) {
    return (
      <div className="space-y-3">
        <p className="text-slate-700">
          Answer what kind of automation it is and how it runs, and its prerequisites appear here.
        </p>
        <Button variant="secondary" onClick={() => onFix(draft.kind ? "runMode" : "kind")}>
          Answer the first step
        </Button>
      </div>
    );
  }

  const { prerequisites, status } = derivation;
  const requestNote = mode === "create" ? "Once it is registered" : "After saving";

  return (
    <div className="space-y-4">
      <p className="text-slate-700">
        Worked out from your answers as you give them: change an answer and this list changes. Preflight
        checks them again on the server when you {mode === "create" ? "register" : "save"}.
      </p>
      <div aria-live="polite" className="space-y-2">
        {checkingCatalog ? <p className="text-sm text-slate-600">Checking the connector catalog…</p> : null}
        {catalogFailed ? (
          <Alert tone="warning">
            The connector catalog could not be checked, so shared-key connectors may show as outstanding even
            if IT already provides one.
          </Alert>
        ) : null}
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {mode === "create" ? "Registered now, it would be" : "Saved now, it would be"}
          <AutomationStatusBadge status={status} />
          {prerequisites.length === 0
            ? "— none of its systems needs anything set up first."
            : `— ${prerequisites.filter((p) => p.status === "SATISFIED").length} of ${prerequisites.length} in place.`}
        </p>
      </div>
      {prerequisites.length > 0 ? (
        <PrerequisiteList
          items={prerequisites.map((prerequisite) => {
            const { action } = prerequisite;
            const target = action?.kind === "EDIT_SYSTEM" ? fixTarget(prerequisite, draft) : null;
            return {
              ...prerequisite,
              action: !action ? null : action.kind === "EDIT_SYSTEM" ? (
                target ? (
                  <Button variant="secondary" size="sm" onClick={() => onFix(target)}>
                    {action.label}
                    {prerequisite.systemName ? (
                      <span className="sr-only"> for {prerequisite.systemName}</span>
                    ) : null}
                  </Button>
                ) : (
                  <p className="text-sm text-slate-700">{action.label}.</p>
                )
              ) : (
                <p className="text-sm text-slate-700">
                  <span className="font-medium text-slate-900">Next step:</span> {requestNote}, “
                  {action.label}” from the automation's page. IT decides on the request.{" "}
                  {REQUEST_ASKS[action.kind] ?? ""}
                </p>
              ),
            };
          })}
        />
      ) : null}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { Loading } from "@/components/ui/alert";
import { automationHref } from "@/lib/automations/components/automation-link";
import { DraftNotice } from "@/lib/automations/components/draft-notice";
import { AutomationWizard } from "@/lib/automations/components/wizard";
import { type AutomationDraft, emptyDraft, sanitizeDraft, toCreateBody } from "@/lib/automations/form";
import { useCreateAutomation } from "@/lib/automations/hooks";
import { useStoredDraft } from "@/lib/automations/use-stored-draft";
import { useDepartments, useMe } from "@/lib/directory/hooks";

/** The registration wizard, with its draft kept per person in localStorage. */
export function NewAutomation() {
  const router = useRouter();
  const me = useMe();
  const departments = useDepartments();
  const create = useCreateAutomation();
  // Bumped on "Discard draft" so that the wizard starts again at step 1.
  const [generation, setGeneration] = useState(0);

  const myDepartment = me.data?.department ?? null;
  // Wait for /me so that the draft is read from this person's key, with their department.
  const storageKey = me.isPending ? null : `preflight:draft:new-automation:${me.data?.id ?? "anonymous"}`;
  const initial = useCallback(() => emptyDraft(myDepartment?.id ?? ""), [myDepartment?.id]);
  const stored = useStoredDraft<AutomationDraft>(storageKey, initial, sanitizeDraft);

  if (!stored.value) return <Loading>Loading the form…</Loading>;

  return (
    <div className="space-y-6">
      <DraftNotice
        stored={stored}
        discardResult="an empty form"
        onDiscarded={() => setGeneration((g) => g + 1)}
      />
      <AutomationWizard
        key={generation}
        initialFocus={generation > 0}
        mode="create"
        draft={stored.value}
        update={stored.update}
        myDepartment={myDepartment}
        departments={{
          items: departments.data?.items ?? [],
          loading: departments.isPending,
          failed: departments.isError,
        }}
        submitLabel="Register automation"
        pendingText="Registering…"
        submitting={create.isPending}
        onSubmit={async (draft) => {
          const automation = await create.mutateAsync(toCreateBody(draft));
          stored.clear();
          router.push(automationHref(automation.id));
        }}
      />
    </div>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";
import { AutomationLink, automationHref } from "@/lib/automations/components/automation-link";
import { ConflictSummary } from "@/lib/automations/components/conflict-summary";
import { DraftNotice } from "@/lib/automations/components/draft-notice";
import { AutomationWizard } from "@/lib/automations/components/wizard";
import type { Automation } from "@/lib/automations/contract";
import { gatewayOf, requestsOf } from "@/lib/automations/engine-context";
import {
  type AutomationDraft,
  draftFromAutomation,
  sanitizeDraft,
  toUpdateBody,
} from "@/lib/automations/form";
import { useAutomation, useUpdateAutomation } from "@/lib/automations/hooks";
import { useStoredDraft } from "@/lib/automations/use-stored-draft";
import { useDepartments, useMe } from "@/lib/directory/hooks";

interface EditValue {
  draft: AutomationDraft;
  /** The version the draft started from; PATCH sends it, and a newer one on the server is a 409. */
  baseVersion: number;
  hadRunAs: boolean;
}

function valueFrom(automation: Automation): EditValue {
  return {
    draft: draftFromAutomation(automation),
    baseVersion: automation.version,
    hadRunAs: Boolean(automation.runAs?.trim()),
  };
}

function parseValue(raw: unknown): EditValue | null {
  if (!raw || typeof raw !== "object") return null;
  const value = raw as Record<string, unknown>;
  const draft = sanitizeDraft(value.draft);
  if (!draft || typeof value.baseVersion !== "number") return null;
  return { draft, baseVersion: value.baseVersion, hadRunAs: value.hadRunAs === true };
}

function isAutomation(value: unknown): value is Automation {
  const candidate = value as Partial<Automation> | null;
  return Boolean(candidate && typeof candidate.version === "number" && Array.isArray(candidate.systems));
}

/** The edit form: the wizard's steps prefilled, saved with the version it started from. */
export function EditAutomation({ id }: { id: string }) {
  const router = useRouter();
  const automation = useAutomation(id);
  const me = useMe();
  const departments = useDepartments();
  const save = useUpdateAutomation(id);
  const [conflict, setConflict] = useState<{ message: string; current: Automation | null } | null>(null);
  const [generation, setGeneration] = useState(0);
  const conflictRef = useRef<HTMLDivElement>(null);

  const data = automation.data;
  const storageKey =
    data && !me.isPending ? `preflight:draft:edit-automation:${id}:${me.data?.id ?? "anonymous"}` : null;
  // Read through a ref: a refetch must not replace what the maker is typing.
  const latest = useRef(data);
  latest.current = data;
  const initial = useCallback(() => valueFrom(latest.current!), []);
  const stored = useStoredDraft<EditValue>(storageKey, initial, parseValue);
  const value = stored.value;

  const preview = useMemo(
    () => (data ? { gateway: gatewayOf(data), requests: requestsOf(data) } : undefined),
    [data],
  );

  // The conflict notice takes focus, so that keyboard and screen-reader users learn of it.
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  if (automation.isPending || (data && !value)) return <Loading>Loading the automation…</Loading>;
  if (automation.isError) {
    return (
      <Stopped
        tone="error"
        title="The automation could not be loaded"
        href="/automations"
        back="my automations"
      >
        <p>{automation.error.message}</p>
      </Stopped>
    );
  }
  if (!data || !value) return null;

  const isOwner =
    !me.data || !(data.owner?.id ?? data.ownerId) || (data.owner?.id ?? data.ownerId) === me.data.id;
  if (data.status === "RETIRED") {
    return (
      <Stopped title="This automation is retired" href={automationHref(id)} back={data.name}>
        <p>A retired automation cannot be changed.</p>
      </Stopped>
    );
  }
  if (!isOwner) {
    return (
      <Stopped title="Only its owner can edit this automation" href={automationHref(id)} back={data.name} />
    );
  }

  // error.current when the API sends it; otherwise the refetched copy once it is newer.
  const current = conflict ? (conflict.current ?? (data.version !== value.baseVersion ? data : null)) : null;

  return (
    <div className="space-y-6">
      {conflict ? (
        <div ref={conflictRef} tabIndex={-1}>
          <Alert
            tone="warning"
            role="alert"
            title="Someone else changed this automation while you were editing"
          >
            <p>Your changes have not been saved; they are still in the form below. {conflict.message}</p>
            {current ? (
              <>
                <p>This is the automation as it is now (version {current.version}):</p>
                <ConflictSummary automation={current} />
                <div className="flex flex-wrap gap-2 pt-1">
                  <Button
                    onClick={() => {
                      stored.update(() => valueFrom(current));
                      setConflict(null);
                      setGeneration((g) => g + 1);
                    }}
                  >
                    Load the current version
                  </Button>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      stored.update((v) => ({
                        ...v,
                        baseVersion: current.version,
                        hadRunAs: Boolean(current.runAs?.trim()),
                      }));
                      setConflict(null);
                    }}
                  >
                    Keep my changes
                  </Button>
                </div>
                <p className="text-sm">
                  “Load the current version” replaces your changes with theirs. “Keep my changes” lets you
                  save yours over theirs.
                </p>
              </>
            ) : (
              <p>Loading the current version…</p>
            )}
          </Alert>
        </div>
      ) : null}
      {!conflict && stored.restoredAt && data.version !== value.baseVersion ? (
        <Alert tone="warning" title="This automation changed since you started this draft">
          <p>
            Your draft is based on version {value.baseVersion}; it is now at version {data.version}. When you
            save, you will see both and choose which to keep — or discard the draft to start from the current
            version.
          </p>
        </Alert>
      ) : null}
      <DraftNotice
        stored={stored}
        discardResult="the automation as it is saved"
        onDiscarded={() => {
          setConflict(null);
          setGeneration((g) => g + 1);
        }}
      />
      <AutomationWizard
        key={generation}
        initialFocus={generation > 0}
        mode="edit"
        allStepsOpen
        draft={value.draft}
        update={(updater) => stored.update((v) => ({ ...v, draft: updater(v.draft) }))}
        myDepartment={me.data?.department ?? null}
        departments={{
          items: departments.data?.items ?? [],
          loading: departments.isPending,
          failed: departments.isError,
        }}
        preview={preview}
        submitLabel="Save changes"
        pendingText="Saving…"
        submitting={save.isPending}
        onSubmit={async (draft) => {
          try {
            await save.mutateAsync(toUpdateBody(draft, value.baseVersion, value.hadRunAs));
          } catch (error) {
            if (error instanceof ApiError && error.status === 409) {
              setConflict({
                message: error.message,
                current: isAutomation(error.current) ? error.current : null,
              });
              return;
            }
            throw error;
          }
          stored.clear();
          router.push(automationHref(id));
        }}
      />
      <p className="text-sm">
        <AutomationLink id={id} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Cancel and go back to {data.name}
        </AutomationLink>{" "}
        <span className="text-slate-600">(your draft stays on this device)</span>
      </p>
    </div>
  );
}

/** Why the automation cannot be edited here, with the way back. */
function Stopped({
  tone = "info",
  title,
  href,
  back,
  children,
}: {
  tone?: "info" | "error";
  title: string;
  href: string;
  /** What the link goes back to: "my automations", the automation's name. */
  back: string;
  children?: ReactNode;
}) {
  return (
    <Alert tone={tone} role={tone === "error" ? "alert" : undefined} title={title}>
      {children}
      <p>
        <Link href={href} className="font-medium underline">
          Back to {back}
        </Link>
      </p>
    </Alert>
  );
}

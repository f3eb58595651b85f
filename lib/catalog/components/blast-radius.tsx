"use client";

import { Loading } from "@/components/ui/alert";
import { LoadError } from "@/components/ui/query-state";
import type { Impact } from "@/lib/catalog/contract";
import { plural } from "@/lib/catalog/labels";

interface BlastRadiusProps {
  /** "Revoking this connector", "Taking this gateway offline". */
  change: string;
  impact: {
    data?: Impact;
    isPending: boolean;
    isError: boolean;
    error: Error | null;
    refetch: () => unknown;
  };
}

/** What a catalog change would do, shown inside its confirmation before anything is written. */
export function BlastRadius({ change, impact }: BlastRadiusProps) {
  if (impact.isPending) return <Loading>Working out which automations depend on it…</Loading>;
  if (impact.isError || !impact.data) {
    return (
      <LoadError title="The impact could not be worked out" error={impact.error} onRetry={impact.refetch} />
    );
  }
  const { automations, byDepartment, wouldBlock } = impact.data;
  if (automations === 0) {
    return (
      <p role="status" className="font-medium text-slate-900">
        No automation depends on it. {change} blocks nothing.
      </p>
    );
  }
  // The departments listed are the ones the sentence counts: where the change blocks something.
  const blocked = byDepartment.filter((department) => department.wouldBlock > 0);
  const others = automations - wouldBlock;
  return (
    <div role="status" className="space-y-2">
      <p className="font-semibold text-slate-900">
        {wouldBlock === 0
          ? `${change} blocks no automation.`
          : `${change} blocks ${plural(wouldBlock, "automation")} in ${plural(blocked.length, "department")}:`}
      </p>
      {blocked.length > 0 ? (
        <ul className="list-disc space-y-0.5 pl-5">
          {blocked.map((department) => (
            <li key={department.departmentId}>
              {department.name}: {plural(department.wouldBlock, "automation")}
            </li>
          ))}
        </ul>
      ) : null}
      {others > 0 ? (
        <p className="text-sm text-slate-700">
          {others === 1 ? "1 more automation depends on it" : `${others} more automations depend on it`}, but{" "}
          {others === 1 ? "it is" : "they are"} blocked already, {others === 1 ? "has" : "have"} another to
          fall back on, or {others === 1 ? "waits" : "wait"} for a request.
        </p>
      ) : null}
    </div>
  );
}

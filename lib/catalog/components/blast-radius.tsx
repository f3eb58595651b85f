"use client";

import { Alert, Loading } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
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
      <Alert tone="error" role="alert" title="The impact could not be worked out">
        <p>{impact.error?.message}</p>
        <Button variant="secondary" size="sm" onClick={() => void impact.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }
  const { automations, departments, byDepartment, wouldBlock } = impact.data;
  if (automations === 0) {
    return (
      <p role="status" className="font-medium text-slate-900">
        No automation depends on it. {change} blocks nothing.
      </p>
    );
  }
  return (
    <div role="status" className="space-y-2">
      <p className="font-semibold text-slate-900">
        {wouldBlock === automations
          ? `${change} blocks ${plural(wouldBlock, "automation")} in ${plural(departments, "department")}.`
          : `${change} blocks ${plural(wouldBlock, "automation")}. ${plural(automations, "automation")} in ${plural(departments, "department")} depend on it; the others are blocked already, have another to fall back on, or wait for a request.`}
      </p>
      <ul className="list-disc space-y-0.5 pl-5">
        {byDepartment.map((department) => (
          <li key={department.departmentId}>
            {department.name}: {plural(department.count, "automation")}
          </li>
        ))}
      </ul>
    </div>
  );
}

"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { Announcement } from "@/components/ui/detail";
import { ApiError } from "@/lib/api-client";
import { NewOwnerPicker } from "@/lib/automations/components/new-owner-picker";
import type { AutomationSummary } from "@/lib/automations/contract";
import { useReassignAutomations } from "@/lib/automations/hooks";
import type { ChosenPerson } from "@/lib/directory/components/person-picker";

// Bulk reassignment on the list of automations without an active owner: tick some (or all on
// the page), choose one active person, give them all at once — all or nothing (the API's rule).

function useBulkSelection(rows: ReadonlyArray<AutomationSummary>) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const onPage = rows.map((row) => row.id);
  const chosen = onPage.filter((id) => selected.has(id));
  const all = onPage.length > 0 && chosen.length === onPage.length;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const column: Column<AutomationSummary> = {
    key: "select",
    header: (
      <input
        type="checkbox"
        aria-label="Select every automation on this page"
        className="h-4 w-4 rounded border-slate-400"
        checked={all}
        onChange={() => setSelected(all ? new Set() : new Set(onPage))}
      />
    ),
    cell: (row) => (
      <input
        type="checkbox"
        aria-label={`Select ${row.name}`}
        className="h-4 w-4 rounded border-slate-400"
        checked={selected.has(row.id)}
        onChange={() => toggle(row.id)}
      />
    ),
  };
  return { column, chosen, clear: () => setSelected(new Set()) };
}

/** The list's table with a tick box per row, under the form that gives the ticked ones away. */
export function ReassignableTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: ReadonlyArray<Column<AutomationSummary>>;
  rows: ReadonlyArray<AutomationSummary>;
}) {
  const selection = useBulkSelection(rows);
  return (
    <div className="space-y-3">
      <BulkReassign chosen={selection.chosen} onDone={selection.clear} />
      <DataTable
        caption={caption}
        columns={[selection.column, ...columns]}
        rows={rows}
        rowKey={(row) => row.id}
      />
    </div>
  );
}

function BulkReassign({
  chosen,
  onDone,
}: {
  /** The ids of the automations ticked on this page. */
  chosen: ReadonlyArray<string>;
  onDone: () => void;
}) {
  const reassign = useReassignAutomations();
  const [owner, setOwner] = useState<ChosenPerson | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState("");
  const error =
    problem ??
    (reassign.error instanceof ApiError
      ? (reassign.error.fields.ownerEmail ?? reassign.error.fields.automationIds ?? reassign.error.message)
      : null);
  return (
    <form
      aria-label="Give the selected automations a new owner"
      className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen.length === 0) return setProblem("Tick the automations to give first.");
        if (!owner) return setProblem("Choose the new owner.");
        setProblem(null);
        reassign.mutate(
          { automationIds: [...chosen], ownerEmail: owner.email },
          {
            onSuccess: (answer) => {
              setDone(
                `${answer.owner.name} now owns ${answer.reassigned} automation${answer.reassigned === 1 ? "" : "s"}.`,
              );
              setOwner(null);
              onDone();
            },
          },
        );
      }}
    >
      <p className="text-sm text-slate-800">
        Tick automations below, choose an active person, and give them all at once. They are told.
      </p>
      <div className="max-w-md space-y-2">
        <NewOwnerPicker
          id="bulk-reassign-owner"
          owner={owner}
          error={error}
          onChange={(person) => {
            setOwner(person);
            if (person) setProblem(null);
          }}
        />
      </div>
      <Button type="submit" pending={reassign.isPending} pendingText="Giving…">
        Give {chosen.length} selected automation{chosen.length === 1 ? "" : "s"}
        {owner ? ` to ${owner.name}` : ""}
      </Button>
      <Announcement message={done} />
    </form>
  );
}

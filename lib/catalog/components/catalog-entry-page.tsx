"use client";

import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Announcement,
  DetailFallback,
  DetailHeader,
  DetailSection,
  type Fact,
  FactList,
} from "@/components/ui/detail";
import { EditSection, useEditInPlace } from "@/lib/catalog/components/catalog-form";
import { DependentsTable } from "@/lib/catalog/components/dependents-table";
import type { Dependents } from "@/lib/catalog/contract";

// What a connector's and a gateway's pages share: the fallback while loading, the header with
// its edit button, the facts that give way to the edit form, and the automations relying on it.

type EditInPlace = ReturnType<typeof useEditInPlace>;

interface EntryView {
  summary: ReactNode;
  /** Whether the edit button shows (besides `canWrite`). */
  editable: boolean;
  /** Further header actions beside the edit button. */
  actions?: ReactNode;
  editForm: ReactNode;
  facts: ReadonlyArray<Fact>;
  /** The section after the facts, hidden while editing. */
  readOnly: ReactNode;
  /** Sections shown before the dependents, editing or not. */
  sections?: ReactNode;
}

interface CatalogEntryPageProps<T extends { status: string }> {
  query: { isPending: boolean; isSuccess: boolean; error: Error | null; data?: T };
  noun: "connector" | "gateway";
  /** How each status shows as a badge (the labels module's table). */
  badges: Record<T["status"], { tone: BadgeTone; label: string }>;
  canWrite: boolean;
  view: (data: T, page: EditInPlace) => EntryView;
}

const capitalised = (noun: string) => `${noun[0]?.toUpperCase()}${noun.slice(1)}`;

export function CatalogEntryPage<T extends { name: string; status: string; dependents: Dependents }>({
  query,
  noun,
  badges,
  canWrite,
  view,
}: CatalogEntryPageProps<T>) {
  const page = useEditInPlace();
  const listHref = `/catalog/${noun}s`;

  if (!query.isSuccess || query.data === undefined)
    return (
      <DetailFallback
        query={query}
        what={capitalised(noun)}
        back={{ href: listHref, label: `Back to the ${noun}s` }}
      />
    );

  const data = query.data;
  const entry = view(data, page);
  const badge = badges[data.status as T["status"]];

  return (
    <div className="space-y-8">
      <DetailHeader
        back={{ href: listHref, label: `${capitalised(noun)}s` }}
        title={data.name}
        headingRef={page.headingRef}
        badge={
          <Badge tone={badge.tone} value={data.status}>
            {badge.label}
          </Badge>
        }
        summary={entry.summary}
        actions={
          canWrite && entry.editable && !page.editing ? (
            <>
              <Button ref={page.editButtonRef} variant="secondary" onClick={page.edit}>
                {`Edit ${noun}`}
              </Button>
              {entry.actions}
            </>
          ) : null
        }
      />

      <Announcement message={page.announcement} />

      {page.editing ? (
        <EditSection heading={`Edit ${noun}`}>{entry.editForm}</EditSection>
      ) : (
        <FactList facts={entry.facts} />
      )}

      {page.editing ? null : entry.readOnly}

      {entry.sections}

      <DetailSection id="dependents" heading="Automations relying on it">
        <DependentsTable dependents={data.dependents} what={noun} />
      </DetailSection>
    </div>
  );
}

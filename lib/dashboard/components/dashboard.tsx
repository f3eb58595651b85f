"use client";

import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { DetailSection } from "@/components/ui/detail";
import { Field, Select } from "@/components/ui/field";
import { QueryState } from "@/components/ui/query-state";
import { Stat } from "@/components/ui/stat";
import { ApiError } from "@/lib/api-client";
import { AgingChart, OldestPending } from "@/lib/dashboard/components/aging-chart";
import { BlockersChart } from "@/lib/dashboard/components/blockers-chart";
import { Expiries } from "@/lib/dashboard/components/expiries";
import { Leavers } from "@/lib/dashboard/components/leavers";
import { OutstandingChart } from "@/lib/dashboard/components/outstanding-chart";
import { TrendChart } from "@/lib/dashboard/components/trend-chart";
import type { DashboardSummary } from "@/lib/dashboard/contract";
import { DASHBOARD_REFRESH_MS, useDashboardDetails, useDashboardSummary } from "@/lib/dashboard/hooks";
import {
  automationsHref,
  declaredOnlyHref,
  inventoryHref,
  pendingRequestsHref,
  prerequisitesHref,
} from "@/lib/dashboard/links";
import { useUrlState } from "@/lib/use-url-state";

interface DashboardProps {
  /** The departments the caller's dashboard covers, by name (the picker's choices). */
  departments: ReadonlyArray<{ id: string; name: string }>;
  /** IT_APPROVER / ADMIN: the whole company; otherwise a manager's departments. */
  company: boolean;
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The manager's (or IT's) live dashboard. The department filter lives in the URL. */
export function Dashboard({ departments, company }: DashboardProps) {
  const { params, set } = useUrlState();
  const departmentId = params.get("departmentId") || undefined;
  const summary = useDashboardSummary(departmentId);
  const details = useDashboardDetails(departmentId);
  const pickerId = useId();
  const chosen = departments.find((department) => department.id === departmentId);
  const everything = company ? "Whole company" : "All my departments";
  const scopeName =
    chosen?.name ?? (company ? "the whole company" : departments.map((d) => d.name).join(" and "));

  if (!company && departments.length === 0) {
    return (
      <Alert tone="info" title="No departments to show">
        <p>You manage no department yet. An administrator links managers to their departments.</p>
      </Alert>
    );
  }

  const notFound = [summary.error, details.error].some(
    (error) => error instanceof ApiError && error.status === 404,
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <p className="text-slate-700">
          Figures for <strong className="font-semibold text-slate-900">{scopeName}</strong>.
        </p>
        <div className="flex flex-wrap items-end gap-3">
          {company || departments.length > 1 ? (
            <Field id={pickerId} label="Department" className="w-60">
              {(control) => (
                <Select
                  {...control}
                  value={departmentId ?? ""}
                  onChange={(event) => set({ departmentId: event.target.value || null })}
                >
                  <option value="">{everything}</option>
                  {departments.map((department) => (
                    <option key={department.id} value={department.id}>
                      {department.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
          <Freshness
            generatedAt={summary.data?.generatedAt}
            fetching={summary.isFetching || details.isFetching}
            onRefresh={() => void Promise.all([summary.refetch(), details.refetch()])}
          />
        </div>
      </div>

      {notFound ? (
        <Alert tone="warning" role="alert" title="This department is not on your dashboard">
          <p>It does not exist, or it is not one of the departments you may see.</p>
          <ButtonLink href="/dashboard" size="sm">
            Show {everything.toLowerCase()}
          </ButtonLink>
        </Alert>
      ) : (
        <QueryState query={summary} loading="Loading the figures…" error="The figures could not be loaded">
          {(data) => <Headline summary={data} departmentId={departmentId} />}
        </QueryState>
      )}

      {notFound ? null : <Leavers departmentId={departmentId} />}

      {notFound ? null : (
        <QueryState query={details} loading="Loading the charts…" error="The charts could not be loaded">
          {(data) => (
            <div className="space-y-6">
              <OutstandingChart rows={data.byTypeAndDepartment} />
              <DetailSection id="aging" heading="Request aging">
                <div className="grid gap-6 lg:grid-cols-2">
                  <AgingChart buckets={data.agingHistogram} departmentId={departmentId} />
                  <OldestPending requests={data.oldestPending} />
                </div>
              </DetailSection>
              <DetailSection id="risks" heading="Expiries and blockers">
                <div className="grid gap-6 lg:grid-cols-2">
                  {summary.data ? (
                    <Expiries expiries={summary.data.expiries} connectors={data.expiringConnectors} />
                  ) : null}
                  <BlockersChart blockers={data.topBlockers} departmentId={departmentId} />
                </div>
              </DetailSection>
              <TrendChart points={data.trend} />
            </div>
          )}
        </QueryState>
      )}
    </div>
  );
}

function Freshness({
  generatedAt,
  fetching,
  onRefresh,
}: {
  generatedAt: string | undefined;
  fetching: boolean;
  onRefresh: () => void;
}) {
  return (
    <div className="flex items-center gap-3 text-sm text-slate-600">
      <p>
        {generatedAt ? (
          <>
            Computed at <time dateTime={generatedAt}>{timeFormat.format(new Date(generatedAt))}</time>
          </>
        ) : (
          "Not computed yet"
        )}
        <span className="block text-xs">Refreshes every {DASHBOARD_REFRESH_MS / 1000} s</span>
      </p>
      <Button variant="secondary" size="sm" onClick={onRefresh} pending={fetching} pendingText="Refreshing…">
        Refresh now
      </Button>
    </div>
  );
}

function Headline({ summary, departmentId }: { summary: DashboardSummary; departmentId?: string }) {
  const { automations, outstandingPrerequisites, requests, expiries } = summary;
  return (
    <div className="space-y-6">
      <DetailSection
        id="readiness"
        heading={
          <>
            Automations{" "}
            <span className="font-normal text-slate-600">
              ({automations.total.toLocaleString("en")} active)
            </span>
          </>
        }
      >
        <p className="text-sm text-slate-600">
          Ready: every prerequisite in place. Pending: still waiting for one. Blocked: one was rejected or has
          expired.
        </p>
        <StatGrid
          className="grid grid-cols-3 gap-3 sm:gap-4"
          stats={READINESS.map(({ status, label, count }) => ({
            label,
            value: automations[count],
            href: automationsHref({ status, departmentId }),
          }))}
        />
      </DetailSection>
      <DetailSection id="waiting" heading="What they are waiting for">
        <StatGrid
          className="grid grid-cols-2 gap-4 lg:grid-cols-5"
          stats={[
            {
              label: "Outstanding prerequisites",
              value: outstandingPrerequisites.total,
              href: prerequisitesHref({ departmentId }),
            },
            {
              label: "Pending requests",
              value: requests.pending,
              href: pendingRequestsHref({ departmentId }),
            },
            { label: "Median days pending", value: requests.medianAgeDays },
            { label: "90th percentile days pending", value: requests.p90AgeDays },
            // Alone on its row on a phone: as wide as the row.
            { label: "Keys expiring in 30 days", value: expiries.next30Days, href: "#expiries", wide: true },
          ]}
        />
      </DetailSection>
      <DetailSection id="assurance" heading="How sure we are">
        <p className="text-sm text-slate-600">
          Satisfied on declaration only: the maker says it is in place (a stored credential, a Windows
          account, who runs it) and IT has not verified it yet.
        </p>
        <StatGrid
          className="grid grid-cols-2 gap-4 lg:grid-cols-5"
          stats={[
            {
              label: "Satisfied on declaration only",
              value: summary.satisfiedOnDeclarationOnly,
              href: declaredOnlyHref({ departmentId }),
            },
            {
              label: "Automations with findings from the tenant",
              value: summary.inventory.withFindings,
              href: inventoryHref({ departmentId }),
            },
            {
              label: "Automations without an active owner",
              value: summary.inventory.withoutActiveOwner,
              href: inventoryHref({ departmentId, ownerMissing: true }),
            },
          ]}
        />
      </DetailSection>
    </div>
  );
}

/** The readiness figures: each status, its label, and its count in the summary. */
const READINESS = [
  { status: "READY", label: "Ready", count: "ready" },
  { status: "PENDING", label: "Pending", count: "pending" },
  { status: "BLOCKED", label: "Blocked", count: "blocked" },
] as const;

/** Figures side by side; a `wide` one spans its row on a phone, where it is alone. */
function StatGrid({
  className,
  stats,
}: {
  className: string;
  stats: ReadonlyArray<{ label: string; value: number; href?: string; wide?: boolean }>;
}) {
  return (
    <div className={className}>
      {stats.map(({ wide, ...stat }) =>
        wide ? (
          <div key={stat.label} className="col-span-2 lg:col-span-1">
            <Stat {...stat} />
          </div>
        ) : (
          <Stat key={stat.label} {...stat} />
        ),
      )}
    </div>
  );
}

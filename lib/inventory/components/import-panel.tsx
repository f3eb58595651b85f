"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Checkbox, Field, Select, SelectField } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { QueryFallback, WriteError } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/api-client";
import type { ImportView } from "@/lib/inventory/contract";
import {
  useApplyImport,
  useCancelImport,
  useEnvironments,
  useImport,
  useImports,
  useMapEnvironment,
  useStartSync,
  useUpload,
} from "@/lib/inventory/hooks";
import { inventoryKeys } from "@/lib/inventory/keys";
import type { NamedRef } from "@/lib/openapi/common";

// The import page: upload an export, read its preview, map environments to departments, apply
// it with a progress bar (or cancel), and see earlier imports.

const SOURCES = [
  { value: "COE", label: "CoE Starter Kit export (CSV tables)" },
  { value: "POWERSHELL", label: "Admin PowerShell (Get-AdminFlow JSON)" },
  { value: "PREFLIGHT_CSV", label: "Preflight's CSV template" },
] as const;

const STATUS_LABELS: Record<ImportView["status"], string> = {
  ANALYSING: "Analysing",
  PREVIEW: "Preview",
  RUNNING: "Applying",
  DONE: "Applied",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

const SOURCE_LABELS: Record<ImportView["source"], string> = {
  COE: "CoE export",
  POWERSHELL: "PowerShell",
  PREFLIGHT_CSV: "Preflight CSV",
  LIVE_SYNC: "Live sync",
};

export function ImportPanel({ departments }: { departments: NamedRef[] }) {
  const [currentId, setCurrentId] = useState<string | null>(null);
  return (
    <div className="space-y-8">
      <SyncForm onStarted={setCurrentId} />
      <UploadForm departments={departments} onUploaded={setCurrentId} />
      {currentId ? <CurrentImport id={currentId} /> : null}
      <Environments departments={departments} />
      <History onOpen={setCurrentId} />
    </div>
  );
}

function SyncForm({ onStarted }: { onStarted: (id: string) => void }) {
  const start = useStartSync();
  const [dryRun, setDryRun] = useState(false);
  return (
    <Panel id="sync" heading="Sync from the tenant" className="space-y-3">
      <p className="text-sm text-slate-600">
        Reads every environment&apos;s flows, connections and gateways through the Power Platform admin APIs.
        It also runs every night.
      </p>
      <Checkbox
        id="sync-dry-run"
        label="Preview only: apply it myself after reading the changes"
        checked={dryRun}
        onChange={(event) => setDryRun(event.target.checked)}
      />
      <WriteError error={start.error} />
      <Button
        pending={start.isPending}
        onClick={() => start.mutate(dryRun, { onSuccess: (view) => onStarted(view.id) })}
      >
        Sync now
      </Button>
    </Panel>
  );
}

function UploadForm({
  departments,
  onUploaded,
}: {
  departments: NamedRef[];
  onUploaded: (id: string) => void;
}) {
  const upload = useUpload();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    upload.mutate(new FormData(event.currentTarget), { onSuccess: (view) => onUploaded(view.id) });
  };
  return (
    <Panel id="upload" heading="Upload an inventory">
      <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" encType="multipart/form-data">
        <SelectField id="import-source" name="source" label="What it is" defaultValue="COE" required>
          {SOURCES.map((source) => (
            <option key={source.value} value={source.value}>
              {source.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="import-default-department"
          name="defaultDepartmentId"
          label="Department for flows with no known owner or environment"
          defaultValue=""
          showOptional
        >
          <option value="">None: map environments below</option>
          {departments.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </SelectField>
        <Field
          id="import-files"
          label="Files"
          hint="Up to 10 files, 200 MiB together. A preview comes first: nothing changes until you apply it."
          required
          className="md:col-span-2"
        >
          {(control) => (
            <input
              {...control}
              name="file"
              type="file"
              multiple
              accept=".csv,.json,.txt"
              className="block text-sm"
            />
          )}
        </Field>
        {upload.error ? (
          <Alert tone="error" role="alert" className="md:col-span-2" title="The upload was refused">
            <p>{errorMessage(upload.error)}</p>
          </Alert>
        ) : null}
        <div className="md:col-span-2">
          <Button type="submit" pending={upload.isPending}>
            Upload and preview
          </Button>
          <a href="/api/v1/inventory/template" className="ml-4 text-sm text-brand-700 underline">
            Download Preflight&apos;s CSV template
          </a>
        </div>
      </form>
    </Panel>
  );
}

function CurrentImport({ id }: { id: string }) {
  const query = useImport(id);
  const queryClient = useQueryClient();
  const status = query.data?.status;
  // A preview may bring environments no one has seen yet: the mapping table reads them then.
  useEffect(() => {
    if (status === "PREVIEW" || status === "DONE")
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.environments() });
  }, [status, queryClient]);
  const apply = useApplyImport();
  const cancel = useCancelImport();
  if (!query.isSuccess) return <QueryFallback query={query} loading="Loading the preview…" />;
  const view = query.data;
  const { counts, progress } = view;
  const percent = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  return (
    <Panel
      id="preview"
      heading={
        <>
          {view.source === "LIVE_SYNC" ? "Live sync" : view.files.join(", ")}{" "}
          <Badge value={view.status}>{STATUS_LABELS[view.status]}</Badge>
        </>
      }
    >
      <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-6" aria-label="What applying would change">
        {(
          [
            ["New", counts.new],
            ["Changed", counts.changed],
            ["Unchanged", counts.unchanged],
            ["Not seen any more", counts.missing],
            ["Errors", counts.errors],
            ["Without a department", counts.withoutDepartment],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded border border-slate-200 p-2">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold" data-count={label}>
              {value.toLocaleString()}
            </dd>
          </div>
        ))}
      </dl>
      {view.status === "PREVIEW" && counts.new + counts.changed + counts.missing === 0 ? (
        <p role="status">0 changes: everything in this upload is already here as it is.</p>
      ) : null}
      {view.withoutDepartment.length > 0 ? (
        <Alert tone="warning" title="These new flows have no department yet">
          <p>Map their environments to departments below, or upload again with a default department.</p>
          <ul className="list-disc pl-5">
            {view.withoutDepartment.slice(0, 10).map((flow) => (
              <li key={`${flow.environmentId}/${flow.flowId}`}>
                {flow.name} <span className="text-slate-600">({flow.environmentId})</span>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {view.status === "ANALYSING" ? (
        <p role="status">
          Reading
          {view.source === "LIVE_SYNC"
            ? ` the tenant: ${progress.done.toLocaleString()} flows so far`
            : " the files"}
          …
        </p>
      ) : null}
      {view.status === "RUNNING" || view.status === "DONE" ? (
        <div>
          <label htmlFor={`progress-${view.id}`} className="text-sm font-medium">
            Applied {progress.done.toLocaleString()} of {progress.total.toLocaleString()} flows
          </label>
          <progress id={`progress-${view.id}`} className="block w-full" max={100} value={percent}>
            {percent}%
          </progress>
        </div>
      ) : null}
      {view.failure ? <Alert tone="error">{view.failure}</Alert> : null}
      {view.errors.length > 0 ? (
        <DataTable
          caption="Rows that were not imported"
          columns={[
            { key: "file", header: "File", cell: (error) => error.file, rowHeader: true },
            { key: "row", header: "Row", cell: (error) => error.row ?? "—" },
            { key: "column", header: "Column", cell: (error) => error.column ?? "—" },
            { key: "message", header: "What is wrong", cell: (error) => error.message },
          ]}
          rows={view.errors}
          rowKey={(error) => `${error.file}:${error.row}:${error.column}:${error.message}`}
        />
      ) : null}
      <WriteError error={apply.error ?? cancel.error} />
      <div className="flex gap-3">
        {view.status === "PREVIEW" ? (
          <Button onClick={() => apply.mutate(view.id)} pending={apply.isPending}>
            Apply
          </Button>
        ) : null}
        {view.status === "PREVIEW" || view.status === "RUNNING" || view.status === "ANALYSING" ? (
          <Button variant="secondary" onClick={() => cancel.mutate(view.id)} pending={cancel.isPending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </Panel>
  );
}

function Environments({ departments }: { departments: NamedRef[] }) {
  const query = useEnvironments();
  const map = useMapEnvironment();
  if (!query.isSuccess) return <QueryFallback query={query} loading="Loading environments…" />;
  return (
    <section aria-labelledby="environments-heading" className="space-y-3">
      <h2 id="environments-heading" className="text-lg font-semibold">
        Environments
      </h2>
      <p className="text-sm text-slate-600">
        New flows go to their owner&apos;s department; when the owner has none here, to their
        environment&apos;s.
      </p>
      <WriteError error={map.error} />
      {query.data.items.length === 0 ? (
        <EmptyState title="No environments yet">An upload lists the environments it finds here.</EmptyState>
      ) : (
        <DataTable
          caption="Environments and their departments"
          columns={[
            {
              key: "name",
              header: "Environment",
              rowHeader: true,
              cell: (environment) => environment.displayName ?? environment.id,
            },
            {
              key: "department",
              header: "Department",
              cell: (environment) => (
                <Select
                  aria-label={`Department of ${environment.displayName ?? environment.id}`}
                  value={environment.department?.id ?? ""}
                  onChange={(event) =>
                    map.mutate({ id: environment.id, departmentId: event.target.value || null })
                  }
                >
                  <option value="">Not mapped</option>
                  {departments.map((department) => (
                    <option key={department.id} value={department.id}>
                      {department.name}
                    </option>
                  ))}
                </Select>
              ),
            },
          ]}
          rows={query.data.items}
          rowKey={(environment) => environment.id}
        />
      )}
    </section>
  );
}

function History({ onOpen }: { onOpen: (id: string) => void }) {
  const query = useImports();
  if (!query.isSuccess) return <QueryFallback query={query} loading="Loading imports…" />;
  return (
    <section aria-labelledby="history-heading" className="space-y-3">
      <h2 id="history-heading" className="text-lg font-semibold">
        Earlier imports
      </h2>
      {query.data.items.length === 0 ? (
        <EmptyState title="Nothing imported yet">Uploads and their previews appear here.</EmptyState>
      ) : (
        <DataTable
          caption="Earlier imports, newest first"
          columns={[
            {
              key: "when",
              header: "Uploaded",
              rowHeader: true,
              cell: (row) => (
                <button type="button" className="text-brand-700 underline" onClick={() => onOpen(row.id)}>
                  {new Date(row.createdAt).toLocaleString()}
                </button>
              ),
            },
            { key: "source", header: "Source", cell: (row) => SOURCE_LABELS[row.source] },
            { key: "by", header: "By", cell: (row) => row.createdBy.name },
            { key: "status", header: "Status", cell: (row) => STATUS_LABELS[row.status] },
            {
              key: "counts",
              header: "New / changed / unchanged",
              cell: (row) => `${row.counts.new} / ${row.counts.changed} / ${row.counts.unchanged}`,
            },
          ]}
          rows={query.data.items}
          rowKey={(row) => row.id}
        />
      )}
    </section>
  );
}

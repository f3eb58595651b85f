"use client";

import { type ReactNode, useId } from "react";
import { Button } from "./button";
import { SelectField, TextField } from "./field";
import type { UrlFilters, useUrlSearch } from "./use-url-filters";

// The pieces of a list's filter bar. Each filter writes to the URL as it changes; the form
// only exists to group them under one name for screen readers (and to search on Enter).

interface FilterFormProps {
  /** The form's accessible name: "Filter automations". */
  label: string;
  /** Grid columns from a breakpoint on, e.g. "sm:grid-cols-3". */
  columns: string;
  /** Enter pressed in a field. */
  onSubmit?: () => void;
  children: ReactNode;
}

export function FilterForm({ label, columns, onSubmit, children }: FilterFormProps) {
  return (
    <search>
      <form
        aria-label={label}
        className={`grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${columns}`}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit?.();
        }}
      >
        {children}
      </form>
    </search>
  );
}

interface SelectFilterProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string | number; label: string }>;
  /** The first option, that filters nothing out ("All statuses"), where there is one. */
  any?: string;
}

export function SelectFilter({ label, value, onChange, options, any }: SelectFilterProps) {
  const id = useId();
  return (
    <SelectField id={id} label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      {any === undefined ? null : <option value="">{any}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}

/** The options of a select from a list of values and their labels. */
export const optionsOf = <V extends string>(values: readonly V[], label: (value: V) => string) =>
  values.map((value) => ({ value, label: label(value) }));

interface DepartmentFilterProps {
  departments: ReadonlyArray<{ id: string; name: string }>;
  value: string | undefined;
  onChange: (value: string) => void;
}

export function DepartmentFilter({ departments, value, onChange }: DepartmentFilterProps) {
  return (
    <SelectFilter
      label="Department"
      value={value ?? ""}
      onChange={onChange}
      any="All departments"
      options={departments.map((department) => ({ value: department.id, label: department.name }))}
    />
  );
}

/**
 * A list's department filter, kept in the URL's `departmentId`. Makers have no departments to
 * choose from, and no such filter.
 */
export function ListDepartmentFilter({
  departments,
  value,
  change,
}: Omit<DepartmentFilterProps, "onChange"> & { change: UrlFilters["change"] }) {
  if (departments.length === 0) return null;
  return (
    <DepartmentFilter
      departments={departments}
      value={value}
      onChange={(departmentId) => change({ departmentId: departmentId || null })}
    />
  );
}

export function SearchFilter({ hint, search }: { hint: string; search: ReturnType<typeof useUrlSearch> }) {
  const id = useId();
  return (
    <TextField
      id={id}
      label="Search"
      hint={hint}
      type="search"
      value={search.search}
      onChange={(event) => search.setSearch(event.target.value)}
    />
  );
}

interface ExportBarProps {
  /** The CSV of every item matching the filters. */
  href: string;
  /** What the items are called: "automation". */
  what: string;
  /** Shown on the left: the filters that have no field of their own, as chips. */
  children?: ReactNode;
}

/** The row above a list's table: extra filters on the left, the CSV export on the right. */
export function ExportBar({ href, what, children }: ExportBarProps) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      {children ?? <span />}
      <a
        href={href}
        download
        className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
      >
        Export CSV<span className="sr-only"> of every {what} matching these filters</span>
      </a>
    </div>
  );
}

interface FilterChipProps {
  /** "li" inside a list of chips, "p" for one standing alone. */
  as?: "li" | "p";
  /** The remove button's accessible name: "Remove the service filter". */
  removeLabel: string;
  onRemove: () => void;
  children: ReactNode;
}

/** A filter set by a drill-down link, shown so that it can be seen and removed. */
export function FilterChip({ as: Tag = "li", removeLabel, onRemove, children }: FilterChipProps) {
  return (
    <Tag className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 text-sm text-slate-800">
      {children}
      <Button variant="ghost" size="sm" className="px-2 py-0.5" aria-label={removeLabel} onClick={onRemove}>
        ✕
      </Button>
    </Tag>
  );
}

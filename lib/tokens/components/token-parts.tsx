"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { ApiError } from "@/lib/api-client";

// What the personal API tokens' page and the SCIM tokens' section share: the create form's
// field errors, the notice that shows a new token once, and the table of tokens
// (name, prefix, status, dates, actions).

/** The field errors of a failed create, by field name. */
export const createFieldErrors = (error: Error | null) => (error instanceof ApiError ? error.fields : {});

type Status = "ACTIVE" | "EXPIRED" | "REVOKED";

const STATUS: Record<Status, { tone: BadgeTone; label: string }> = {
  ACTIVE: { tone: "success", label: "Active" },
  EXPIRED: { tone: "warning", label: "Expired" },
  REVOKED: { tone: "neutral", label: "Revoked" },
};

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** A new token, shown this once: focused on arrival, selectable, copyable. */
export function NewTokenNotice({
  id,
  heading,
  children,
  value,
  label,
  onDone,
  level = 2,
}: {
  /** The value field's id (its label points at it). */
  id: string;
  heading: string;
  /** The heading's level where the notice stands (3 inside a section of its own). */
  level?: 2 | 3;
  /** What the token is for and where it goes. */
  children: ReactNode;
  value: string;
  label: string;
  onDone: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const Heading = level === 2 ? "h2" : "h3";
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="rounded-lg border-2 border-emerald-700 bg-emerald-50 p-5"
    >
      <Heading
        id={`${id}-heading`}
        ref={headingRef}
        tabIndex={-1}
        className="text-lg font-semibold text-emerald-900"
      >
        {heading}
      </Heading>
      <div className="mt-1 text-sm text-emerald-950">{children}</div>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className="block text-sm font-medium text-slate-900">
            {label}
          </label>
          <input
            id={id}
            readOnly
            value={value}
            onFocus={(event) => event.currentTarget.select()}
            className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
          />
        </div>
        <Button variant="secondary" onClick={copy}>
          Copy
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
      <p role="status" className="mt-2 text-sm text-emerald-950">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? "Copying failed: select the token and copy it."
            : ""}
      </p>
    </section>
  );
}

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  status: Status;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt?: string | null;
  createdBy?: string | null;
}

/** The tokens as a table; `expires` adds the expiry column, `actions` renders each row's buttons. */
export function TokenTable<T extends TokenRow>({
  caption,
  tokens,
  expires = false,
  actions,
}: {
  caption: string;
  tokens: ReadonlyArray<T>;
  expires?: boolean;
  actions: (token: T) => ReactNode;
}) {
  const columns: Array<Column<T>> = [
    { key: "name", header: "Name", rowHeader: true, cell: (token) => token.name },
    { key: "prefix", header: "Token", cellClassName: "font-mono", cell: (token) => `${token.prefix}…` },
    {
      key: "status",
      header: "Status",
      cell: (token) => (
        <Badge tone={STATUS[token.status].tone} value={token.status}>
          {STATUS[token.status].label}
        </Badge>
      ),
    },
    {
      key: "created",
      header: "Created",
      cell: (token) =>
        `${dateFormat.format(new Date(token.createdAt))}${token.createdBy ? ` by ${token.createdBy}` : ""}`,
    },
    ...(expires
      ? [
          {
            key: "expires",
            header: "Expires",
            cell: (token: T) => (token.expiresAt ? dateFormat.format(new Date(token.expiresAt)) : "Never"),
          },
        ]
      : []),
    {
      key: "used",
      header: "Last used",
      cell: (token) => (token.lastUsedAt ? dateTimeFormat.format(new Date(token.lastUsedAt)) : "Never used"),
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cellClassName: "space-x-2 whitespace-nowrap",
      cell: actions,
    },
  ];
  return <DataTable caption={caption} columns={columns} rows={tokens} rowKey={(token) => token.id} />;
}

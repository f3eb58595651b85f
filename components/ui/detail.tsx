import Link from "next/link";
import type { ReactNode, RefObject } from "react";
import { ApiError } from "@/lib/api-client";
import { Alert, Loading } from "./alert";

// The frame of a record's page: a way back, the heading with its status, the actions, the
// facts, and a live line that says what an action just did.

interface DetailErrorProps {
  /** What the page shows, capitalised: "Connector". */
  what: string;
  error: Error;
  back: { href: string; label: string };
}

/** The record could not be loaded: say whether it does not exist, and lead back to its list. */
export function DetailError({ what, error, back }: DetailErrorProps) {
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{what}</h1>
      <Alert
        tone="error"
        role="alert"
        title={missing ? `${what} not found` : `The ${what.toLowerCase()} could not be loaded`}
      >
        <p>{error.message}</p>
        <p>
          <Link href={back.href} className="font-medium underline">
            {back.label}
          </Link>
        </p>
      </Alert>
    </div>
  );
}

/**
 * A record's page while its query has nothing to show: loading, or why it could not be
 * loaded. Pages render it for every state but success.
 */
export function DetailFallback({
  query,
  what,
  back,
}: Omit<DetailErrorProps, "error"> & { query: { isPending: boolean; error: Error | null } }) {
  if (query.isPending || !query.error) return <Loading>{`Loading the ${what.toLowerCase()}…`}</Loading>;
  return <DetailError what={what} error={query.error} back={back} />;
}

interface DetailHeaderProps {
  back: { href: string; label: string };
  title: ReactNode;
  /** Focus returns here after an action changed the record (the heading is focusable for it). */
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** The status badge, and what follows it on the status line. */
  badge: ReactNode;
  summary?: ReactNode;
  /** Buttons beside the heading. */
  actions?: ReactNode;
  /** Below the heading: a description, facts, who it is assigned to. */
  children?: ReactNode;
}

export function DetailHeader({
  back,
  title,
  headingRef,
  badge,
  summary,
  actions,
  children,
}: DetailHeaderProps) {
  return (
    <header className="space-y-3">
      <p className="text-sm">
        <Link href={back.href} className="text-brand-700 underline-offset-2 hover:underline">
          <span aria-hidden="true">← </span>
          {back.label}
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold text-slate-900">
            {title}
          </h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <span>Status:</span>
            {badge}
            {summary}
          </p>
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {children}
    </header>
  );
}

/** What an action on the page just did, read out when it changes and shown until the next. */
export function Announcement({ message }: { message: string }) {
  return (
    <p aria-live="polite" role="status" className={message ? "" : "sr-only"}>
      {message ? (
        <span className="block rounded-md border-l-4 border-emerald-700 bg-emerald-50 p-3 text-sm text-emerald-900">
          {message}
        </span>
      ) : null}
    </p>
  );
}

export interface Fact {
  label: string;
  value: ReactNode;
  /** Classes of the value in place of the default, e.g. a monospaced key. */
  valueClassName?: string;
  /** Takes two columns from the small breakpoint on (long values). */
  wide?: boolean;
}

/** A record's facts as a description list, laid out in a grid card. */
export function FactList({ facts }: { facts: ReadonlyArray<Fact | null | false> }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-3">
      {facts.map((fact) =>
        fact ? (
          <div key={fact.label} className={fact.wide ? "sm:col-span-2" : undefined}>
            <dt className="font-medium text-slate-600">{fact.label}</dt>
            <dd className={fact.valueClassName ?? "text-slate-900"}>{fact.value}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}

/** A titled part of a record's page: a section named by its heading. */
export function DetailSection({
  id,
  heading,
  children,
}: {
  /** Prefix of the heading's id (`${id}-heading`), unique on the page. */
  id: string;
  heading: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {heading}
      </h2>
      {children}
    </section>
  );
}

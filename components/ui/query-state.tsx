"use client";

import type { ReactNode } from "react";
import { ApiError, errorMessage } from "@/lib/api-client";
import { Alert, Loading } from "./alert";
import { Button } from "./button";

/** A load that failed: what could not be loaded, why, and a button to try again. */
export function LoadError({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: Error | null;
  onRetry: () => unknown;
}) {
  return (
    <Alert tone="error" role="alert" title={title}>
      <p>{error?.message}</p>
      <Button variant="secondary" size="sm" onClick={() => void onRetry()}>
        Try again
      </Button>
    </Alert>
  );
}

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data: T | undefined;
  refetch: () => unknown;
}

/** A query's loading line, then its error (with a retry) or what `children` makes of its data. */
export function QueryState<T>({
  query,
  loading,
  error,
  children,
}: {
  query: QueryLike<T>;
  /** Said while loading: "Loading the figures…". */
  loading: string;
  /** The error's title: "The figures could not be loaded". */
  error: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading>{loading}</Loading>;
  if (query.isError || query.data === undefined) {
    return <LoadError title={error} error={query.error} onRetry={query.refetch} />;
  }
  return <>{children(query.data)}</>;
}

/** Whether a failed write is said by the fields it names (a 422 with field errors) instead. */
const shownByFields = (error: Error) => error instanceof ApiError && error.hasFieldErrors;

/**
 * A failed write, in an alert under what asked for it: nothing while `error` is null and, with
 * `besideFields`, nothing when the fields that caused it say so themselves.
 */
export function WriteError({
  error,
  besideFields = false,
  className,
}: {
  error: Error | null;
  besideFields?: boolean;
  className?: string;
}) {
  if (!error || (besideFields && shownByFields(error))) return null;
  return (
    <Alert tone="error" role="alert" className={className}>
      {errorMessage(error)}
    </Alert>
  );
}

/** A failed write, in one line beside the button that made it; `message` words it otherwise. */
export function WriteErrorLine({
  error,
  message = errorMessage,
  className = "",
}: {
  error: Error | null;
  message?: (error: Error) => string;
  className?: string;
}) {
  if (!error) return null;
  return (
    <p role="alert" className={`${className} text-sm font-medium text-red-700`.trim()}>
      {message(error)}
    </p>
  );
}

/**
 * What a query shows until it has data, for a component that returns early with it: the
 * loading line, then its error — under `error` as a title, read out at once, where given.
 */
export function QueryFallback({
  query,
  loading,
  error,
}: {
  query: { isPending: boolean; error: Error | null };
  loading: string;
  error?: string;
}) {
  if (query.isPending) return <Loading>{loading}</Loading>;
  return (
    <Alert tone="error" role={error ? "alert" : undefined} title={error}>
      {errorMessage(query.error)}
    </Alert>
  );
}

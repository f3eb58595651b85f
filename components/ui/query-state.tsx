"use client";

import type { ReactNode } from "react";
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

import {
  keepPreviousData,
  type QueryKey,
  type UseQueryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { ApiError, apiFetch, type Page, type QueryValue } from "@/lib/api-client";

// The client side's usual reads and writes of the API: a GET cached under a query key, a
// filtered list page, and a write that refetches what it made stale.

type GetOptions<T> = Omit<UseQueryOptions<T, Error, T, QueryKey>, "queryKey" | "queryFn"> & {
  query?: Record<string, QueryValue>;
};

/** GET `path` (with `query`), cached under `queryKey`; the other options go to useQuery. */
export function useApiGet<T>(queryKey: QueryKey, path: string, { query, ...options }: GetOptions<T> = {}) {
  return useQuery({
    queryKey,
    queryFn: ({ signal }) => apiFetch<T>(path, { query, signal }),
    ...options,
  });
}

/** One page of a filtered list: the current page stays on screen while the next one loads. */
export function useApiList<T>(queryKey: QueryKey, path: string, filters: Record<string, QueryValue>) {
  return useApiGet<Page<T>>(queryKey, path, { query: { ...filters }, placeholderData: keepPreviousData });
}

interface WriteOptions {
  /** The queries refetched once the write succeeded — or, with `settled`, whatever its outcome. */
  invalidates: ReadonlyArray<QueryKey>;
  settled?: boolean;
  /** The query refetched when the write met a stale version (409). */
  onConflict?: QueryKey;
}

/** A write; the queries it makes stale are refetched before the mutation counts as done. */
export function useApiWrite<TVariables, TData>(
  mutationFn: (variables: TVariables) => Promise<TData>,
  { invalidates, settled = false, onConflict }: WriteOptions,
) {
  const queryClient = useQueryClient();
  const refetch = () =>
    Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  return useMutation({
    mutationFn,
    ...(settled ? { onSettled: refetch } : { onSuccess: refetch }),
    onError: (error) => {
      if (onConflict && error instanceof ApiError && error.status === 409) {
        return queryClient.invalidateQueries({ queryKey: onConflict });
      }
    },
  });
}

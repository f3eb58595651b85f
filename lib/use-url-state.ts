import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * List state (filters, search, the cursor stack) kept in the URL's query string, so that a
 * link shares exactly what is on screen and the back button walks back through it.
 */
export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const set = useCallback(
    (changes: Record<string, string | null>, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      const search = next.toString();
      const href = search ? `${pathname}?${search}` : pathname;
      if (options.replace) router.replace(href, { scroll: false });
      else router.push(href, { scroll: false });
    },
    [params, pathname, router],
  );

  return { params, set };
}

/** The cursors that led to the current page, oldest first; the last one is the current page's. */
export function readCursorStack(params: URLSearchParams | { get(name: string): string | null }): string[] {
  return (params.get("cursors") ?? "").split(" ").filter(Boolean);
}

export function writeCursorStack(stack: ReadonlyArray<string>): string | null {
  return stack.length > 0 ? stack.join(" ") : null;
}

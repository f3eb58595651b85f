import { ButtonLink } from "@/components/ui/button";
import type { TPeopleQuery } from "@/lib/admin/schemas";

/** First and next page links, keeping the search; nothing when everything fits on one page. */
export function PeoplePager({ query, nextCursor }: { query: TPeopleQuery; nextCursor: string | null }) {
  if (!query.cursor && !nextCursor) return null;
  const keep = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.status !== "ALL" ? { status: query.status } : {}), ...extra })}`;
  return (
    <nav aria-label="Pages of people" className="flex gap-3">
      {query.cursor ? (
        <ButtonLink href={keep({})} size="sm">
          First page
        </ButtonLink>
      ) : null}
      {nextCursor ? (
        <ButtonLink href={keep({ cursor: nextCursor })} size="sm">
          Next page
        </ButtonLink>
      ) : null}
    </nav>
  );
}

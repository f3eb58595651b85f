import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { PeoplePager } from "@/lib/admin/components/people-pager";
import { PeopleTable } from "@/lib/admin/components/people-table";
import { PersonFilter } from "@/lib/admin/components/person-filter";
import { ZPeopleQuery } from "@/lib/admin/schemas";
import { listPeople } from "@/lib/admin/server/people";
import { can } from "@/lib/auth/permissions";
import { requirePageCaller } from "@/lib/auth/server/session";
import { env } from "@/lib/env";
import { ScimTokensSection } from "@/lib/scim/components/scim-tokens-section";

export const metadata: Metadata = { title: "People" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  const caller = await requirePageCaller("admin:people");
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  const parsed = ZPeopleQuery.safeParse({
    q: raw.q || undefined,
    status: raw.status || undefined,
    cursor: raw.cursor || undefined,
  });
  const query = parsed.success ? parsed.data : ZPeopleQuery.parse({});
  const { items, nextCursor } = await listPeople({ caller, query });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">People</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Everyone who signed in, or was added, with their roles and departments. Roles marked “identity
          provider” come from the sign-in claims; the others were given here.
        </p>
      </div>
      <PersonFilter query={query} />
      {!parsed.success ? <Alert tone="warning">The search could not be read; showing everyone.</Alert> : null}
      <PeopleTable people={items} search={query.q} />
      <PeoplePager query={query} nextCursor={nextCursor} />
      {can(caller, "admin:scim") ? (
        <ScimTokensSection scimUrl={`${env().APP_URL.replace(/\/$/, "")}/scim/v2`} />
      ) : null}
    </div>
  );
}

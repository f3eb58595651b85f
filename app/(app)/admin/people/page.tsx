import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select, TextInput } from "@/components/ui/field";
import { ZPeopleQuery } from "@/lib/admin/schemas";
import { listPeople } from "@/lib/admin/server/people";
import { requirePageCaller } from "@/lib/auth/server/session";

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
  const keep = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.status !== "ALL" ? { status: query.status } : {}), ...extra })}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">People</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Everyone who signed in, or was added, with their roles and departments. Roles marked “identity
          provider” come from the sign-in claims; the others were given here.
        </p>
      </div>

      <search aria-label="People">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <Field id="people-q" label="Name or e-mail" className="min-w-64 flex-1">
            {(control) => <TextInput {...control} type="search" name="q" defaultValue={query.q ?? ""} />}
          </Field>
          <Field id="people-status" label="Status">
            {(control) => (
              <Select {...control} name="status" defaultValue={query.status}>
                <option value="ALL">Everyone</option>
                <option value="ACTIVE">Active</option>
                <option value="INACTIVE">Deactivated</option>
              </Select>
            )}
          </Field>
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
      </search>
      {!parsed.success ? <Alert tone="warning">The search could not be read; showing everyone.</Alert> : null}

      {items.length === 0 ? (
        <EmptyState title={query.q ? `Nobody matches “${query.q}”` : "Nobody here yet"}>
          People appear after their first sign-in.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">People, by name</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Department
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Roles
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Manages
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {items.map((person) => (
                <tr key={person.id}>
                  <td className="px-3 py-2">
                    <Link
                      href={`/admin/people/${person.id}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {person.name}
                    </Link>
                    <div className="text-slate-600">{person.email}</div>
                  </td>
                  <td className="px-3 py-2">{person.department?.name ?? "—"}</td>
                  <td className="px-3 py-2">
                    {person.roles.length === 0 ? (
                      <span className="text-slate-600">No role</span>
                    ) : (
                      <ul className="flex flex-wrap gap-1">
                        {person.roles.map((entry) => (
                          <li key={`${entry.role}-${entry.source}`}>
                            <Badge tone={entry.source === "APP" ? "info" : "neutral"}>
                              {entry.role}
                              <span className="font-normal">
                                {entry.source === "CLAIM" ? " · identity provider" : ""}
                              </span>
                            </Badge>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {person.managedDepartments.map((department) => department.name).join(", ") || "—"}
                  </td>
                  <td className="px-3 py-2">
                    {person.active ? (
                      <Badge tone="success">Active</Badge>
                    ) : (
                      <Badge tone="danger">Deactivated</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {query.cursor || nextCursor ? (
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
      ) : null}
    </div>
  );
}

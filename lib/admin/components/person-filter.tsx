import { Button } from "@/components/ui/button";
import { Field, SelectField, TextInput } from "@/components/ui/field";
import type { TPeopleQuery } from "@/lib/admin/schemas";

/** Search people by name or e-mail and status: a plain GET form, so the query is in the URL. */
export function PersonFilter({ query }: { query: TPeopleQuery }) {
  return (
    <search aria-label="People">
      <form method="get" className="flex flex-wrap items-end gap-3">
        <Field id="people-q" label="Name or e-mail" className="min-w-64 flex-1">
          {(control) => <TextInput {...control} type="search" name="q" defaultValue={query.q ?? ""} />}
        </Field>
        <SelectField id="people-status" label="Status" name="status" defaultValue={query.status}>
          <option value="ALL">Everyone</option>
          <option value="ACTIVE">Active</option>
          <option value="INACTIVE">Deactivated</option>
        </SelectField>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
    </search>
  );
}

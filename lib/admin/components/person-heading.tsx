import Link from "next/link";
import type { Person } from "@/lib/admin/contract";
import { formatDateTime } from "@/lib/automations/labels";

/** Back to People, the person's name, e-mail, last sign-in and whether they are deactivated. */
export function PersonHeading({ person }: { person: Person }) {
  return (
    <div>
      <p className="text-sm">
        <Link href="/admin/people" className="text-brand-700 underline underline-offset-2">
          People
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{person.name}</h1>
      <p className="text-slate-600">
        {person.email} ·{" "}
        {person.lastSignInAt
          ? `last signed in ${formatDateTime(person.lastSignInAt)}`
          : "has not signed in yet"}
        {person.active ? "" : " · deactivated"}
      </p>
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PersonHeading } from "@/lib/admin/components/person-heading";
import { PersonAccessSection, PersonStatusSection } from "@/lib/admin/components/person-sections";
import { ZIdParams } from "@/lib/admin/schemas";
import { getPerson } from "@/lib/admin/server/people";
import { requirePageCaller } from "@/lib/auth/server/session";
import { listDepartments } from "@/lib/departments/server/list-departments";
import { AppError } from "@/lib/http/errors";

export const metadata: Metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller("admin:people");
  const parsed = ZIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  const person = await getPerson({ caller, id: parsed.data.id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const departments = await listDepartments({ caller });

  return (
    <div className="max-w-3xl space-y-8">
      <PersonHeading person={person} />
      <PersonAccessSection person={person} departments={departments} />
      <PersonStatusSection person={person} isCaller={person.id === caller.id} />
    </div>
  );
}

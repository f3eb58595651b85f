import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";
import type { PersonChoice } from "@/lib/directory/contract";
import type { TPeopleSearchQuery } from "@/lib/directory/schemas";

/**
 * Active people whose name or e-mail contains `q`, by name: who IT can name as a connector's
 * owner or a gateway's admin, and whom a manager or ADMIN can give a leaver's automations.
 * Everyone who may call it (people:search) may see every active person's name and e-mail.
 */
export async function searchPeople({
  query,
}: {
  caller: Caller;
  query: TPeopleSearchQuery;
}): Promise<{ items: PersonChoice[] }> {
  const q = query.q || undefined;
  const items = await prisma.user.findMany({
    where: {
      active: true,
      ...(q
        ? {
            OR: [
              { name: { contains: q, mode: "insensitive" } },
              { email: { contains: q, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    select: { id: true, name: true, email: true, department: { select: { id: true, name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: query.limit,
  });
  return { items };
}

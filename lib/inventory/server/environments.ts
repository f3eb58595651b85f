import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";
import { forbidden, notFound, unprocessable } from "@/lib/http/errors";
import type { EnvironmentView } from "@/lib/inventory/contract";

// The tenant's environments as imports saw them, and the department each one's flows go to
// when their owner has none here. Set on the import page; kept for every later import.

export async function listEnvironments(caller: Caller): Promise<EnvironmentView[]> {
  if (!can(caller, "inventory:import")) throw forbidden();
  const rows = await prisma.inventoryEnvironment.findMany({
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    select: { id: true, displayName: true, departmentId: true },
  });
  const departments = new Map(
    (await prisma.department.findMany({ select: { id: true, name: true } })).map((d) => [d.id, d]),
  );
  return rows.map((row) => ({
    id: row.id,
    displayName: row.displayName,
    department: row.departmentId ? (departments.get(row.departmentId) ?? null) : null,
  }));
}

export async function mapEnvironment(
  caller: Caller,
  id: string,
  departmentId: string | null,
): Promise<EnvironmentView> {
  if (!can(caller, "inventory:import")) throw forbidden();
  return prisma.$transaction(async (tx) => {
    const before = await tx.inventoryEnvironment.findUnique({
      where: { id },
      select: { departmentId: true },
    });
    if (!before) throw notFound("Environment");
    const department = departmentId
      ? await tx.department.findUnique({ where: { id: departmentId }, select: { id: true, name: true } })
      : null;
    if (departmentId && !department)
      throw unprocessable("departmentId is not a department.", {
        departmentId: "Choose one of the departments.",
      });
    const row = await tx.inventoryEnvironment.update({
      where: { id },
      data: { departmentId },
      select: { id: true, displayName: true },
    });
    if (before.departmentId !== departmentId)
      await recordAudit(tx, {
        actor: callerActor(caller),
        action: "inventory.environment.mapped",
        entityType: "InventoryEnvironment",
        entityId: id,
        before: { departmentId: before.departmentId },
        after: { departmentId },
      });
    return { ...row, department };
  });
}

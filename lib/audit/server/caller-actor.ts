import "server-only";
import type { AuditActor } from "@/lib/audit/server/record-audit";
import type { Caller } from "@/lib/auth/server/caller";

/** The audit actor for a person's request: their id, and their e-mail as the label that outlives them. */
export function callerActor(caller: Pick<Caller, "id" | "email">): AuditActor {
  return { id: caller.id, label: caller.email };
}

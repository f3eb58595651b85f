import { ZCursor, ZLimit } from "@/lib/http/cursor";
import { z } from "@/lib/openapi/zod";

// Filters of the audit trail (GET /api/v1/audit and its CSV export). Plain data.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day (read as UTC) or an ISO date-time with an offset. */
const moment = (label: string, description: string) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: `${label} must be a date such as 2027-01-31 or an ISO date-time.`,
    })
    .optional()
    .openapi({ description, example: "2027-01-31" });

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(1, `${label} must not be empty.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .optional();

export const ZAuditFilters = z
  .object({
    actorId: z.uuid("actorId must be a person's id.").optional(),
    entityType: text("entityType", 50).openapi({ example: "Request" }),
    entityId: text("entityId", 100),
    action: text("action", 100).openapi({ example: "request.approved" }),
    from: moment("from", "Events at or after it; a day means from its start (UTC)."),
    to: moment("to", "Events up to it; a day means up to its end (UTC), inclusive."),
  })
  .strict();

export const ZAuditListQuery = ZAuditFilters.extend({ limit: ZLimit, cursor: ZCursor }).strict();
export type TAuditFilters = z.infer<typeof ZAuditFilters>;
export type TAuditListQuery = z.infer<typeof ZAuditListQuery>;
/** The trail's filters as the page holds them (every one optional). */
export type AuditFilters = Partial<TAuditListQuery>;

/** The filters' time window as instants: `to` given as a day includes the whole day. */
export function auditWindow(filters: Pick<TAuditFilters, "from" | "to">): { gte?: Date; lt?: Date } {
  const window: { gte?: Date; lt?: Date } = {};
  if (filters.from) window.gte = new Date(filters.from);
  if (filters.to) {
    const to = new Date(filters.to);
    window.lt = DAY.test(filters.to) ? new Date(to.getTime() + 86_400_000) : new Date(to.getTime() + 1);
  }
  return window;
}

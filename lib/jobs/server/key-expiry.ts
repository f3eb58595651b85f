import "server-only";
import { recordAuditMany, SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { prisma, type Tx } from "@/lib/db";
import { notify } from "@/lib/notifications/server/notify";
import { rederiveServiceSlice } from "@/lib/prerequisites/server/rederive-slice";

// The daily key-expiry sweep (also run at start-up and from `npm run jobs -- run key-expiry`).
//
// One transaction: every APPROVED connector whose key expiry has passed becomes EXPIRED, every
// automation that signs in to one of their services re-derives (set-based), the makers hit and
// the connectors' owners are told, and each expiry is audited. Reminders go to the owner 30, 7
// and 1 days before; each has a dedupe key, so a reminder is sent once however often the job
// runs. Both parts are idempotent: running the sweep twice (two instances, a retry) changes
// nothing the second time.

const ACTOR = SYSTEM_ACTOR("key expiry");
const DAY_MS = 86_400_000;
/** Days before expiry at which the owner is reminded; the tightest window that applies wins. */
export const REMINDER_DAYS = [30, 7, 1] as const;

interface ExpiredConnector {
  id: string;
  name: string;
  service: string;
  ownerId: string | null;
  keyExpiresAt: Date;
  version: number;
}

export interface KeyExpiryResult {
  expired: number;
  rederived: number;
  statusChanges: number;
  notified: number;
  reminders: number;
}

export async function runKeyExpiry({ now = new Date() }: { now?: Date } = {}): Promise<KeyExpiryResult> {
  return prisma.$transaction(
    async (tx) => {
      const expired = await expireConnectors(tx, now);
      const rederived = await rederiveServices(tx, expired, now);
      const notified = await notifyExpiry(tx, expired);
      const reminders = await sendReminders(tx, now);
      return { expired: expired.length, ...rederived, notified, reminders };
    },
    { maxWait: 10_000, timeout: 5 * 60_000 },
  );
}

/** Locks in id order (as every multi-row change does), then expires, then audits each. */
async function expireConnectors(tx: Tx, now: Date): Promise<ExpiredConnector[]> {
  const expired = await tx.$queryRaw<ExpiredConnector[]>`
    with due as (
      select id from connectors
       where status = 'APPROVED' and "keyExpiresAt" <= ${now}::timestamptz
       order by id for update)
    update connectors c set status = 'EXPIRED', version = c.version + 1, "updatedAt" = now()
      from due where c.id = due.id
    returning c.id, c.name, c.service, c."ownerId", c."keyExpiresAt", c.version`;
  await recordAuditMany(
    tx,
    expired.map((connector) => ({
      actor: ACTOR,
      action: "connector.expired",
      entityType: "Connector",
      entityId: connector.id,
      before: { status: "APPROVED", version: connector.version - 1 },
      after: { status: "EXPIRED", version: connector.version, keyExpiresAt: connector.keyExpiresAt },
    })),
  );
  return expired;
}

async function rederiveServices(tx: Tx, expired: ExpiredConnector[], now: Date) {
  if (expired.length === 0) return { rederived: 0, statusChanges: 0 };
  const services = [...new Set(expired.map((connector) => connector.service))];
  const dependents = await tx.$queryRaw<Array<{ id: string }>>`
    select distinct "automationId" as id from system_accesses
     where "signInMethod" = 'SHARED_KEY' and service = any(${services}::text[])`;
  // Only the expired connectors' services' shared-key prerequisites can change.
  const result = await rederiveServiceSlice(
    tx,
    services,
    dependents.map((row) => row.id),
    { actor: ACTOR, cause: "connector.expired", now },
  );
  return { rederived: result.automations, statusChanges: result.statusChanges.length };
}

/**
 * The makers whose automations still point at an expired connector after re-derivation (no
 * other connector took over: they are EXPIRED because of it), one message per maker and
 * connector; and each connector's owner.
 */
async function notifyExpiry(tx: Tx, expired: ExpiredConnector[]): Promise<number> {
  if (expired.length === 0) return 0;
  const hit = await tx.$queryRaw<Array<{ connectorId: string; ownerId: string; automations: number }>>`
    select p."connectorId", a."ownerId", count(distinct a.id)::int as automations
      from prerequisites p join automations a on a.id = p."automationId"
     where p."connectorId" = any(${expired.map((c) => c.id)}::uuid[]) and a.status <> 'RETIRED'
     group by p."connectorId", a."ownerId"`;
  const byId = new Map(expired.map((connector) => [connector.id, connector]));
  const makers = hit.flatMap((row) => {
    const connector = byId.get(row.connectorId);
    if (!connector) return [];
    const subject =
      row.automations === 1 ? "One of your automations" : `${row.automations} of your automations`;
    return [
      {
        userId: row.ownerId,
        kind: "connector.expired",
        title: `The key of connector “${connector.name}” has expired`,
        body: `${subject} signed in to “${connector.service}” with it and ${row.automations === 1 ? "is" : "are"} now blocked until IT renews the key or another connector is approved.`,
        link: "/automations?status=BLOCKED",
      },
    ];
  });
  const owners = expired.flatMap((connector) =>
    connector.ownerId
      ? [
          {
            userId: connector.ownerId,
            kind: "connector.expired",
            title: `Connector “${connector.name}” expired`,
            body: `Its key expired on ${day(connector.keyExpiresAt)}. Rotate the key and enter the new expiry date to bring it back; its automations stay blocked until then.`,
            link: `/catalog/connectors/${connector.id}`,
          },
        ]
      : [],
  );
  return notify(tx, [...makers, ...owners]);
}

/**
 * Reminders for keys expiring within 30 days, in one INSERT … SELECT: for each connector the
 * tightest window it is in (≤1, ≤7 or ≤30 days), sent once per window and expiry date — a
 * renewed key gets its own reminders. The owner is reminded; without one, whoever created it.
 */
async function sendReminders(tx: Tx, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() + Math.max(...REMINDER_DAYS) * DAY_MS);
  return tx.$executeRaw`
    insert into notifications ("userId", kind, title, body, link, "dedupeKey")
    select recipient, 'connector.expiring',
           'The key of connector “' || name || '” expires in ' || days_left || case when days_left = 1 then ' day' else ' days' end,
           'It expires on ' || to_char("keyExpiresAt" at time zone 'UTC', 'YYYY-MM-DD') ||
             '. Rotate the key in its vault and enter the new expiry date in Preflight before then, or the automations that use it stop.',
           '/catalog/connectors/' || id,
           'reminder:' || id || ':' || window_days || ':' || to_char("keyExpiresAt" at time zone 'UTC', 'YYYY-MM-DD')
      from (
        select c.id, c.name, c."keyExpiresAt", coalesce(c."ownerId", c."createdById") as recipient,
               greatest(1, ceil(extract(epoch from c."keyExpiresAt" - ${now}::timestamptz) / 86400))::int as days_left,
               case when c."keyExpiresAt" <= ${now}::timestamptz + interval '1 day' then 1
                    when c."keyExpiresAt" <= ${now}::timestamptz + interval '7 days' then 7
                    else 30 end as window_days
          from connectors c join users u on u.id = coalesce(c."ownerId", c."createdById")
         where c.status = 'APPROVED' and c."keyExpiresAt" > ${now}::timestamptz and c."keyExpiresAt" <= ${horizon}::timestamptz
           and u.active
      ) due
    on conflict ("dedupeKey") do nothing`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

import "server-only";

// What a leaver left behind, as SQL every reader shares (the leaver dashboard, its CSV and the
// prerequisites drill-down), so "waiting after a leaver" means one thing everywhere.
// $1 = the departments in scope (uuid[]). Automations that are RETIRED are left out.

/**
 * A prerequisite `p` (with its automation `a` and system `s`, left-joined) waits for a rotation
 * after a leaver: a CREDENTIAL or WINDOWS_SIGN_IN the engine put back to OUTSTANDING because the
 * person who knew it (or whose personal Windows account it runs under) left — the system's
 * `knowerLeftAt`, or a desktop flow's own `windowsAccountLeftAt` for its automation-level sign-in.
 */
export const AWAITING_ROTATION = `
  p.status = 'OUTSTANDING' and p.type in ('CREDENTIAL', 'WINDOWS_SIGN_IN') and a.status <> 'RETIRED'
  and (s."knowerLeftAt" is not null or (p."systemAccessId" is null and a."windowsAccountLeftAt" is not null))
  and (p.type = 'CREDENTIAL' or coalesce(s."windowsAccountType", a."windowsAccountType") is distinct from 'SERVICE')`;

/** When the person who knew what `p` waits for left. */
export const ROTATION_SINCE = `coalesce(s."knowerLeftAt", a."windowsAccountLeftAt")`;

/**
 * Every item the leaver dashboard counts, one row each: an automation without an active owner
 * (its owner left, or was never found here), or a prerequisite waiting for a rotation after a
 * leaver. Columns: kind, departmentId, automationId, automation, system, person (the owner who
 * left or was not found; the credential's owner or the Windows account), personEmail, detail
 * (LEFT / NOT_FOUND, or the prerequisite's type), since.
 */
export const LEAVER_ITEMS = `
  select 'WITHOUT_OWNER'::text as kind, a."departmentId", a.id as "automationId", a.name as automation,
         null::text as system, u.name as person, u.email as "personEmail",
         a."ownerMissing"::text as detail, coalesce(a."ownerMissingSince", a."updatedAt") as since
    from automations a
    join users u on u.id = a."ownerId"
   where a."departmentId" = any($1::uuid[]) and a.status <> 'RETIRED' and a."ownerMissing" is not null
  union all
  select 'AWAITING_ROTATION', p."departmentId", a.id, a.name,
         s.name,
         case when p.type = 'CREDENTIAL' then s."credentialOwner"
              else coalesce(s."windowsAccount", a."windowsAccount") end,
         null, p.type::text, ${ROTATION_SINCE}
    from prerequisites p
    join automations a on a.id = p."automationId"
    left join system_accesses s on s.id = p."systemAccessId"
   where p."departmentId" = any($1::uuid[]) and ${AWAITING_ROTATION}`;

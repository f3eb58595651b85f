/**
 * The prerequisite engine: derives an automation's authentication prerequisites from the
 * automation, the gateway assigned to it, the connector catalog, the requests filed and IT's
 * reviews of what the maker declared — each with how a SATISFIED one is known (its basis).
 *
 * Pure and deterministic: no clock (the caller passes `now`), no randomness, no I/O, and the
 * input is never mutated. The rules are DESIGN.md's table "Sign-in methods (from the seed)
 * and the prerequisites they create".
 */
import { deriveDesktopSignIn, deriveEntra, deriveGateway } from "@/lib/domain/automation-rules";
import { normaliseKey, uniqueKey } from "@/lib/domain/engine-helpers";
import { deriveCredential, deriveSharedKey, deriveWindows } from "@/lib/domain/system-rules";
import type {
  AutomationStatus,
  Derivation,
  DerivedPrerequisite,
  EngineInput,
  PrerequisiteStatus,
  PrerequisiteType,
} from "@/lib/domain/types";

export { DESKTOP_SIGN_IN_KEY } from "@/lib/domain/automation-rules";
export type * from "@/lib/domain/types";
export { normaliseKey };

/** The prerequisite statuses that block an automation (automationStatus). */
export const BLOCKING_STATUSES: ReadonlySet<PrerequisiteStatus> = new Set(["REJECTED", "EXPIRED"]);

/**
 * RETIRED when retired; otherwise READY when every prerequisite is SATISFIED (an empty list
 * is READY), BLOCKED when any is REJECTED or EXPIRED, else PENDING.
 */
export function automationStatus(
  prerequisites: ReadonlyArray<{ readonly status: PrerequisiteStatus }>,
  retired: boolean,
): AutomationStatus {
  if (retired) return "RETIRED";
  if (prerequisites.every((p) => p.status === "SATISFIED")) return "READY";
  if (prerequisites.some((p) => BLOCKING_STATUSES.has(p.status))) return "BLOCKED";
  return "PENDING";
}

export function derivePrerequisites(input: EngineInput): Derivation {
  const { automation } = input;
  const now = input.now.getTime();
  const prerequisites: DerivedPrerequisite[] = [];
  const usedKeys = new Set<string>();

  const gateway = deriveGateway(input);
  if (gateway) prerequisites.push(gateway);
  const desktop = deriveDesktopSignIn(input);
  if (desktop) prerequisites.push(desktop);
  const entra = deriveEntra(automation, input.reviews);
  if (entra) prerequisites.push(entra);
  for (const p of prerequisites) usedKeys.add(p.key);

  for (const system of automation.systems) {
    const perSystem = (type: PrerequisiteType) => uniqueKey(`${type}:${normaliseKey(system.name)}`, usedKeys);
    switch (system.signInMethod) {
      case "USERNAME_PASSWORD":
        if (!system.sso)
          prerequisites.push(deriveCredential(system, perSystem("CREDENTIAL"), now, input.reviews));
        break;
      case "WINDOWS":
        prerequisites.push(deriveWindows(system, automation, perSystem("WINDOWS_SIGN_IN"), input.reviews));
        break;
      case "SHARED_KEY":
        prerequisites.push(deriveSharedKey(system, input, perSystem("SHARED_KEY_CONNECTOR"), now));
        break;
      case "ENTRA_ID":
        break; // covered by the one ENTRA_CONNECTION per automation
    }
  }

  return { prerequisites, status: automationStatus(prerequisites, automation.retired) };
}

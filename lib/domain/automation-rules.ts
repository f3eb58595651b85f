/** The per-automation prerequisites: GATEWAY, a desktop flow's WINDOWS_SIGN_IN and ENTRA_CONNECTION. Pure, no I/O. */
import { declared, prerequisite, present, requestState } from "@/lib/domain/engine-helpers";
import {
  desktopLabels,
  desktopReasons,
  desktopSatisfiedBy,
  entraActionLabel,
  entraReasons,
  entraSatisfiedBy,
  type GatewayNeed,
  gatewayReasons,
  gatewaySatisfiedBy,
} from "@/lib/domain/reasons";
import type {
  AutomationInput,
  DerivedPrerequisite,
  EngineInput,
  GatewayInput,
  PrerequisiteAction,
  ReviewInput,
} from "@/lib/domain/types";

// ---------------------------------------------------------------------------------------
// GATEWAY
// ---------------------------------------------------------------------------------------

function gatewayFits(automation: AutomationInput, gateway: GatewayInput): boolean {
  return gateway.kind === "DATA_GATEWAY" || automation.kind === "DESKTOP_FLOW";
}

export function deriveGateway(input: EngineInput): DerivedPrerequisite | null {
  const { automation, gateway } = input;
  const onPremisesSystems = automation.systems.filter((s) => s.location === "ON_PREMISES").map((s) => s.name);
  const needed =
    automation.kind === "DESKTOP_FLOW" ||
    automation.kind === "WEBSITE_AUTOMATION" ||
    onPremisesSystems.length > 0;
  if (!needed) return null;

  const need: GatewayNeed = { kind: automation.kind, onPremisesSystems };
  const base = { key: "GATEWAY", type: "GATEWAY" } as const;
  const action: PrerequisiteAction = { kind: "REQUEST_GATEWAY", label: "Request access to a gateway" };

  if (gateway && gateway.status === "ONLINE" && gatewayFits(automation, gateway)) {
    return prerequisite({
      ...base,
      status: "SATISFIED",
      satisfiedBy: gatewaySatisfiedBy(gateway),
      basis: "APPROVED",
      gatewayId: gateway.id,
      reason: gatewayReasons.satisfied(need, gateway),
    });
  }
  const state = requestState(input.requests, base.key);
  if (state.kind === "PENDING") {
    return prerequisite({ ...base, status: "REQUESTED", reason: gatewayReasons.requested(need) });
  }
  if (state.kind === "REJECTED") {
    return prerequisite({
      ...base,
      status: "REJECTED",
      reason: gatewayReasons.rejected(need, state.decisionReason),
      action,
    });
  }
  if (gateway && gateway.status !== "ONLINE") {
    return prerequisite({
      ...base,
      status: "EXPIRED",
      gatewayId: gateway.id,
      reason: gatewayReasons.expired(need, gateway),
      action,
    });
  }
  const reason = gateway ? gatewayReasons.wrongKind(need, gateway) : gatewayReasons.outstanding(need);
  return prerequisite({ ...base, status: "OUTSTANDING", reason, action });
}

// ---------------------------------------------------------------------------------------
// WINDOWS_SIGN_IN of a desktop flow
// ---------------------------------------------------------------------------------------

/** The key of a desktop flow's own Windows sign-in; a WINDOWS system's is "WINDOWS_SIGN_IN:<name>". */
export const DESKTOP_SIGN_IN_KEY = "WINDOWS_SIGN_IN";

/**
 * Every desktop flow signs in to the machine or machine group it runs on, whatever its systems
 * declare: satisfied when the machine and the Windows account are recorded (UNATTENDED: a
 * non-personal account, as for a WINDOWS system). A machine group assigned as its gateway
 * gives connectivity, not this sign-in.
 */
export function deriveDesktopSignIn(input: EngineInput): DerivedPrerequisite | null {
  const { automation, gateway } = input;
  if (automation.kind !== "DESKTOP_FLOW") return null;
  const base = { key: DESKTOP_SIGN_IN_KEY, type: "WINDOWS_SIGN_IN" } as const;
  const { machine, windowsAccount, windowsAccountType } = automation;
  if (!present(machine) || !present(windowsAccount)) {
    const machineGroup = gateway?.kind === "MACHINE_GROUP" ? gateway.name : null;
    return prerequisite({
      ...base,
      status: "OUTSTANDING",
      reason: desktopReasons.outstanding(machineGroup),
      action: { kind: "EDIT_SYSTEM", label: desktopLabels.record },
    });
  }
  if (automation.windowsAccountLeftAt && windowsAccountType !== "SERVICE") {
    return prerequisite({
      ...base,
      status: "OUTSTANDING",
      reason: desktopReasons.knowerLeft(windowsAccount),
      action: { kind: "EDIT_SYSTEM", label: desktopLabels.record },
    });
  }
  if (automation.runMode === "UNATTENDED" && windowsAccountType !== "SERVICE") {
    return prerequisite({
      ...base,
      status: "OUTSTANDING",
      reason: desktopReasons.personalUnattended(windowsAccount),
      action: { kind: "EDIT_SYSTEM", label: desktopLabels.nonPersonal },
    });
  }
  const satisfiedBy = desktopSatisfiedBy(windowsAccount, windowsAccountType, machine);
  return declared(
    { ...base, satisfiedBy, reason: desktopReasons.satisfied(machine) },
    input.reviews,
    (itReason) => ({
      reason: desktopReasons.sentBack(satisfiedBy, itReason),
      action: { kind: "EDIT_SYSTEM", label: desktopLabels.record },
    }),
  );
}

// ---------------------------------------------------------------------------------------
// ENTRA_CONNECTION
// ---------------------------------------------------------------------------------------

export function deriveEntra(
  automation: AutomationInput,
  reviews: ReadonlyArray<ReviewInput>,
): DerivedPrerequisite | null {
  const systems = automation.systems.filter((s) => s.signInMethod === "ENTRA_ID").map((s) => s.name);
  if (systems.length === 0) return null;
  const base = { key: "ENTRA_CONNECTION", type: "ENTRA_CONNECTION" } as const;
  const { runAs, runMode } = automation;
  const action: PrerequisiteAction = { kind: "EDIT_SYSTEM", label: entraActionLabel(runMode) };
  if (present(runAs)) {
    const satisfiedBy = entraSatisfiedBy(runAs, runMode);
    return declared(
      { ...base, satisfiedBy, reason: entraReasons.satisfied(systems, runMode, runAs) },
      reviews,
      (itReason) => ({ reason: entraReasons.sentBack(systems, runMode, satisfiedBy, itReason), action }),
    );
  }
  return prerequisite({
    ...base,
    status: "OUTSTANDING",
    reason: entraReasons.outstanding(systems, runMode),
    action,
  });
}

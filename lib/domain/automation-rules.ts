/** The per-automation prerequisites: GATEWAY and ENTRA_CONNECTION. Pure, no I/O. */
import { prerequisite, present, requestState } from "@/lib/domain/engine-helpers";
import {
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
// ENTRA_CONNECTION
// ---------------------------------------------------------------------------------------

export function deriveEntra(automation: AutomationInput): DerivedPrerequisite | null {
  const systems = automation.systems.filter((s) => s.signInMethod === "ENTRA_ID").map((s) => s.name);
  if (systems.length === 0) return null;
  const base = { key: "ENTRA_CONNECTION", type: "ENTRA_CONNECTION" } as const;
  const { runAs, runMode } = automation;
  if (present(runAs)) {
    return prerequisite({
      ...base,
      status: "SATISFIED",
      satisfiedBy: entraSatisfiedBy(runAs, runMode),
      reason: entraReasons.satisfied(systems, runMode, runAs),
    });
  }
  return prerequisite({
    ...base,
    status: "OUTSTANDING",
    reason: entraReasons.outstanding(systems, runMode),
    action: { kind: "EDIT_SYSTEM", label: entraActionLabel(runMode) },
  });
}

/** The per-system prerequisites: CREDENTIAL, WINDOWS_SIGN_IN, SHARED_KEY_CONNECTOR. Pure, no I/O. */
import {
  declared,
  forSystem,
  normaliseKey,
  prerequisite,
  present,
  requestState,
} from "@/lib/domain/engine-helpers";
import {
  connectorSatisfiedBy,
  credentialLabels,
  credentialReasons,
  credentialSatisfiedBy,
  requestConnectorLabel,
  sharedKeyLabels,
  sharedKeyReasons,
  windowsLabels,
  windowsReasons,
  windowsSatisfiedBy,
} from "@/lib/domain/reasons";
import type {
  AutomationInput,
  ConnectorInput,
  DerivedPrerequisite,
  EngineInput,
  PrerequisiteAction,
  ReviewInput,
  SystemAccessInput,
} from "@/lib/domain/types";

// ---------------------------------------------------------------------------------------
// CREDENTIAL
// ---------------------------------------------------------------------------------------

export function deriveCredential(
  system: SystemAccessInput,
  key: string,
  now: number,
  reviews: ReadonlyArray<ReviewInput>,
): DerivedPrerequisite {
  const base = { key, type: "CREDENTIAL", ...forSystem(system) } as const;
  const { credential } = system;
  // A leaver knew it: outstanding until a rotation is recorded after the day they left.
  const leftAt = system.knowerLeftAt?.getTime();
  if (
    credential &&
    present(credential.name) &&
    leftAt !== undefined &&
    !((credential.rotatedAt?.getTime() ?? 0) > leftAt)
  ) {
    return prerequisite({
      ...base,
      status: "OUTSTANDING",
      reason: credentialReasons.knowerLeft(system.name, credential),
      action: { kind: "EDIT_SYSTEM", label: credentialLabels.rotated },
    });
  }
  if (credential && present(credential.name)) {
    if (credential.rotatesAt.getTime() > now) {
      const satisfiedBy = credentialSatisfiedBy(credential);
      return declared(
        { ...base, satisfiedBy, reason: credentialReasons.satisfied(system.name, credential) },
        reviews,
        (itReason) => ({
          reason: credentialReasons.sentBack(system.name, satisfiedBy, itReason),
          action: { kind: "EDIT_SYSTEM", label: credentialLabels.record },
        }),
      );
    }
    return prerequisite({
      ...base,
      status: "EXPIRED",
      reason: credentialReasons.expired(system.name, credential),
      action: { kind: "EDIT_SYSTEM", label: credentialLabels.rotate },
    });
  }
  return prerequisite({
    ...base,
    status: "OUTSTANDING",
    reason: credentialReasons.outstanding(system.name),
    action: { kind: "EDIT_SYSTEM", label: credentialLabels.record },
  });
}

// ---------------------------------------------------------------------------------------
// WINDOWS_SIGN_IN
// ---------------------------------------------------------------------------------------

export function deriveWindows(
  system: SystemAccessInput,
  automation: AutomationInput,
  key: string,
  reviews: ReadonlyArray<ReviewInput>,
): DerivedPrerequisite {
  const base = { key, type: "WINDOWS_SIGN_IN", ...forSystem(system) } as const;
  const { machineGroup, windowsAccount, windowsAccountType } = system;
  if (!present(machineGroup) || !present(windowsAccount)) {
    return prerequisite({
      ...base,
      status: "OUTSTANDING",
      reason: windowsReasons.outstanding(system.name),
      action: { kind: "EDIT_SYSTEM", label: windowsLabels.record },
    });
  }
  if (system.knowerLeftAt && windowsAccountType !== "SERVICE") {
    return prerequisite({
      ...base,
      status: "OUTSTANDING",
      reason: windowsReasons.knowerLeft(system.name, windowsAccount),
      action: { kind: "EDIT_SYSTEM", label: windowsLabels.record },
    });
  }
  if (automation.runMode === "UNATTENDED" && windowsAccountType !== "SERVICE") {
    return prerequisite({
      ...base,
      status: "OUTSTANDING",
      reason: windowsReasons.personalUnattended(system.name, windowsAccount),
      action: { kind: "EDIT_SYSTEM", label: windowsLabels.nonPersonal },
    });
  }
  const satisfiedBy = windowsSatisfiedBy(windowsAccount, windowsAccountType, machineGroup);
  return declared(
    { ...base, satisfiedBy, reason: windowsReasons.satisfied(system.name) },
    reviews,
    (itReason) => ({
      reason: windowsReasons.sentBack(system.name, satisfiedBy, itReason),
      action: { kind: "EDIT_SYSTEM", label: windowsLabels.record },
    }),
  );
}

// ---------------------------------------------------------------------------------------
// SHARED_KEY_CONNECTOR
// ---------------------------------------------------------------------------------------

/** Latest key expiry first; ties by id, then name, ascending — independent of input order. */
function compareConnectors(a: ConnectorInput, b: ConnectorInput): number {
  const expiry = (c: ConnectorInput) => {
    const ms = c.keyExpiresAt.getTime();
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  if (expiry(a) !== expiry(b)) return expiry(a) > expiry(b) ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}

function best(connectors: ReadonlyArray<ConnectorInput>): ConnectorInput | undefined {
  return [...connectors].sort(compareConnectors)[0];
}

/**
 * What the shared-key rule reads of the engine's input: the automation's department, the
 * connectors and its requests. Narrower than EngineInput so that a re-derivation of one
 * service's prerequisites (lib/prerequisites/server/rederive-slice.ts) calls this very rule.
 */
export type SharedKeyInput = {
  automation: Pick<AutomationInput, "departmentId">;
} & Pick<EngineInput, "connectors" | "requests">;

export function deriveSharedKey(
  system: SystemAccessInput,
  input: SharedKeyInput,
  key: string,
  now: number,
): DerivedPrerequisite {
  const base = { key, type: "SHARED_KEY_CONNECTOR", ...forSystem(system) } as const;
  const service = present(system.service) ? normaliseKey(system.service) : null;
  const { departmentId } = input.automation;
  const applying = service
    ? input.connectors.filter(
        (c) =>
          normaliseKey(c.service) === service &&
          (c.sharing === "ALL" || c.departmentIds.includes(departmentId)),
      )
    : [];
  const usable = (c: ConnectorInput) => c.status === "APPROVED" && c.keyExpiresAt.getTime() > now;

  const satisfying = best(applying.filter(usable));
  if (service && satisfying) {
    return prerequisite({
      ...base,
      status: "SATISFIED",
      satisfiedBy: connectorSatisfiedBy(satisfying),
      basis: "APPROVED",
      connectorId: satisfying.id,
      reason: sharedKeyReasons.satisfied(system.name, service, satisfying),
    });
  }

  const action: PrerequisiteAction = service
    ? { kind: "REQUEST_CONNECTOR", service, label: requestConnectorLabel(service) }
    : { kind: "EDIT_SYSTEM", label: sharedKeyLabels.recordService };
  const state = requestState(input.requests, key);
  if (state.kind === "PENDING") {
    return prerequisite({
      ...base,
      status: "REQUESTED",
      reason: sharedKeyReasons.requested(system.name, service),
    });
  }
  if (state.kind === "REJECTED") {
    return prerequisite({
      ...base,
      status: "REJECTED",
      reason: sharedKeyReasons.rejected(system.name, service, state.decisionReason),
      action,
    });
  }
  if (!service) {
    return prerequisite({
      ...base,
      status: "OUTSTANDING",
      reason: sharedKeyReasons.noService(system.name),
      action,
    });
  }
  const lapsed = best(applying.filter((c) => !usable(c)));
  if (lapsed) {
    return prerequisite({
      ...base,
      status: "EXPIRED",
      connectorId: lapsed.id,
      reason: sharedKeyReasons.expired(system.name, service, lapsed),
      action,
    });
  }
  return prerequisite({
    ...base,
    status: "OUTSTANDING",
    reason: sharedKeyReasons.outstanding(system.name, service),
    action,
  });
}

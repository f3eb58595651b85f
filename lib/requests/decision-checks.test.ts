import { describe, expect, it } from "vitest";
import { EMPTY_CONNECTOR_API } from "@/lib/catalog/details-forms";
import { EMPTY_CONNECTOR, EMPTY_GATEWAY } from "@/lib/catalog/forms";
import type { RequestDetail } from "@/lib/requests/contract";
import { checkDecision, type DecisionDraft, stillWrong } from "@/lib/requests/decision-checks";

// Only the fields the checks read: a gateway request.
const request = { type: "GATEWAY" } as RequestDetail;

const empty: DecisionDraft = {
  decision: "",
  reason: "",
  connectorSource: "existing",
  connectorId: "",
  connector: EMPTY_CONNECTOR,
  connectorApi: EMPTY_CONNECTOR_API,
  gatewaySource: "existing",
  gatewayId: "",
  gateway: EMPTY_GATEWAY,
};

function afterChange(
  before: DecisionDraft,
  changed: Partial<DecisionDraft>,
  errors = checkDecision(before, request),
) {
  return stillWrong(errors, { before, after: { ...before, ...changed }, request, changed });
}

describe("the decision form's errors after a change", () => {
  it("choosing Approve clears 'Choose whether to approve or reject' and keeps the rest", () => {
    const errors = afterChange(empty, { decision: "APPROVE" });
    expect(errors.decision).toBeUndefined();
    expect(errors.reason).toBe("Give a reason for the decision: the maker reads it");
  });

  it("does not show a problem the reader was not told about yet", () => {
    // Approving brings the gateway choice into play; it is checked on the next submit.
    const errors = afterChange(empty, { decision: "APPROVE" });
    expect(errors.gatewayId).toBeUndefined();
  });

  it("a message follows the change (rejecting asks for the reason for rejecting)", () => {
    const errors = afterChange(empty, { decision: "REJECT" });
    expect(errors.reason).toBe("Give the reason for rejecting: the maker reads it");
  });

  it("switching to Reject clears the approval's own problems", () => {
    const approving = { ...empty, decision: "APPROVE" as const, reason: "ok" };
    expect(checkDecision(approving, request).gatewayId).toBeDefined();
    expect(afterChange(approving, { decision: "REJECT" })).toEqual({});
  });

  it("keeps the server's problem until its own field changes", () => {
    const ready = { ...empty, decision: "APPROVE" as const, reason: "ok", gatewayId: "g1" };
    const server = { gatewayId: "That gateway was decommissioned" };
    expect(afterChange(ready, { reason: "ok, approved" }, server)).toEqual(server);
    expect(afterChange(ready, { gatewayId: "g2" }, server)).toEqual({});
  });
});

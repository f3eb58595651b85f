import { describe, expect, it } from "vitest";
import { type HistorySource, historyLines } from "@/lib/automations/history";

const context = { titles: new Map([["GATEWAY", "On-premises data gateway"]]), onPremisesSystems: ["ERP"] };

function event(overrides: Partial<HistorySource> & Pick<HistorySource, "id" | "action">): HistorySource {
  return {
    actorLabel: "maya@corp.example",
    actorName: "Maya Maker",
    createdAt: "2026-03-01T10:00:00.000Z",
    before: null,
    after: null,
    request: null,
    gatewayName: null,
    connectorName: null,
    ...overrides,
  };
}

const rederived = (id: string, cause: string, createdAt = "2026-03-01T10:00:00.000Z") =>
  event({
    id,
    action: "automation.rederived",
    actorName: null,
    actorLabel: "system: key expiry",
    createdAt,
    before: {
      status: "READY",
      cause,
      prerequisites: [{ key: "CREDENTIAL:online banking", status: "SATISFIED" }],
    },
    after: { status: "BLOCKED", prerequisites: [{ key: "CREDENTIAL:online banking", status: "EXPIRED" }] },
  });

describe("historyLines", () => {
  it("tells a re-derivation under its cause, whichever of the two was recorded first", () => {
    for (const order of [
      [rederived("2", "automation.updated"), event({ id: "1", action: "automation.updated" })],
      [event({ id: "1", action: "automation.updated" }), rederived("2", "automation.updated")],
    ]) {
      const lines = historyLines(order, context);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ id: "1", action: "automation.updated" });
      expect(lines[0]!.changes).toEqual([
        "The automation is now Blocked (was Ready).",
        // A prerequisite the automation no longer has is named from its key.
        "Stored credential for online banking: now Expired (was Satisfied).",
      ]);
    }
  });

  it("does not fold into an event of the same kind from another day", () => {
    const lines = historyLines(
      [
        rederived("2", "automation.updated", "2026-03-02T10:00:00.000Z"),
        event({ id: "1", action: "automation.updated" }),
      ],
      context,
    );
    expect(lines.map((line) => [line.action, line.text, line.actor])).toEqual([
      ["automation.updated", "Something it depends on changed.", "Preflight"],
      ["automation.updated", "Maya Maker changed nothing that shows.", "Maya Maker"],
    ]);
  });

  it("leaves out a re-derivation that changed nothing the reader sees", () => {
    const quiet = event({
      id: "3",
      action: "automation.rederived",
      before: { status: "READY", cause: "connector.updated", prerequisites: [] },
      after: { status: "READY", prerequisites: [] },
    });
    expect(historyLines([quiet], context)).toEqual([]);
  });

  it("tells a leaver's consequences: the owner left, a request cancelled because its asker left", () => {
    const lines = historyLines(
      [
        event({
          id: "1",
          action: "automation.owner_left",
          actorName: null,
          actorLabel: "scim: token pfscim_abc1234…",
        }),
        event({
          id: "2",
          action: "request.cancelled",
          createdAt: "2026-03-02T10:00:00.000Z",
          after: { status: "CANCELLED", leaver: true },
          request: { type: "GATEWAY", service: null } as HistorySource["request"],
        }),
      ],
      context,
    );
    expect(lines.map((line) => line.text)).toEqual([
      "Its owner left Preflight: the automation needs a new owner.",
      "The gateway request was cancelled: the person who asked for it has left.",
    ]);
  });
});

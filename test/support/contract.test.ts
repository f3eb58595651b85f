import { describe, expect, it } from "vitest";
import { checkContract } from "@/test/support/contract";

// The guard every route caller runs: an answer with a field, a status or a route the OpenAPI
// document does not describe fails the test that received it.

const me = {
  id: "5d0c3f7e-9a1b-4c2d-8e3f-4a5b6c7d8e9f",
  email: "maker@preflight.test",
  name: "Maya Maker",
  roles: ["MAKER"],
  department: { id: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", name: "Finance" },
};

describe("checkContract", () => {
  it("accepts an answer that matches its contract", () => {
    expect(() => checkContract({ method: "GET", path: "/api/v1/me", status: 200, body: me })).not.toThrow();
  });

  it("refuses a field the contract lacks, at any depth", () => {
    expect(() =>
      checkContract({ method: "GET", path: "/api/v1/me", status: 200, body: { ...me, password: "x" } }),
    ).toThrow(/password/);
    expect(() =>
      checkContract({
        method: "GET",
        path: "/api/v1/me",
        status: 200,
        body: { ...me, department: { ...me.department, budget: 1 } },
      }),
    ).toThrow(/budget/);
  });

  it("refuses a missing field and a wrong type", () => {
    const { email: _email, ...withoutEmail } = me;
    expect(() =>
      checkContract({ method: "GET", path: "/api/v1/me", status: 200, body: withoutEmail }),
    ).toThrow(/email/);
    expect(() =>
      checkContract({ method: "GET", path: "/api/v1/me", status: 200, body: { ...me, roles: "MAKER" } }),
    ).toThrow(/roles/);
  });

  it("refuses a status or a route the document does not list", () => {
    expect(() => checkContract({ method: "GET", path: "/api/v1/me", status: 418, body: {} })).toThrow(/418/);
    expect(() => checkContract({ method: "GET", path: "/api/v1/nothing", status: 200, body: {} })).toThrow(
      /No contract/,
    );
  });

  it("matches a parameterised path, and a literal segment before a parameter", () => {
    const error = { error: { code: "NOT_FOUND", message: "Automation not found." } };
    expect(() =>
      checkContract({ method: "GET", path: "/api/v1/automations/not-an-id", status: 404, body: error }),
    ).not.toThrow();
    // /requests/export is CSV: a JSON body there is not what the contract says.
    expect(() =>
      checkContract({ method: "GET", path: "/api/v1/requests/export", status: 200, body: {} }),
    ).toThrow(/does not describe/);
  });

  it("lets the error body carry what a conflict adds", () => {
    const conflict = { error: { code: "CONFLICT", message: "Stale.", current: { id: "x" } } };
    expect(() =>
      checkContract({ method: "PATCH", path: "/api/v1/automations/x", status: 409, body: conflict }),
    ).not.toThrow();
  });
});

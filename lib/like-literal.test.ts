import { describe, expect, it } from "vitest";
import { likeLiteral } from "./like-literal";

describe("likeLiteral", () => {
  it.each([
    ["Finance", "Finance"],
    ["Ops\\", "Ops\\\\"],
    ["100%", "100\\%"],
    ["a_b", "a\\_b"],
    ["\\%_", "\\\\\\%\\_"],
  ])("escapes %s as %s", (text, pattern) => {
    expect(likeLiteral(text)).toBe(pattern);
  });
});

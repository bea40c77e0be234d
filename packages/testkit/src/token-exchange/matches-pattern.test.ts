import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchesPattern } from "./matches-pattern.js";

describe("matchesPattern", () => {
  const cases: readonly (readonly [string, string, boolean])[] = [
    ["ws-1/*", "ws-1/inst-1", true],
    ["ws-1/*", "ws-1/", true],
    ["ws-1/*", "ws-2/inst-1", false],
    ["*", "", true],
    ["exact", "exact", true],
    ["exact", "exactly", false],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "acb", false],
    ["*/runner-*", "ws-1/runner-7", true],
    ["ab*ba", "aba", false],
    ["repo:org/*:ref:refs/heads/main", "repo:org/x:ref:refs/heads/main", true],
  ];
  for (const [pattern, value, expected] of cases) {
    it(`${JSON.stringify(pattern)} ${expected ? "matches" : "does not match"} ${JSON.stringify(value)}`, () => {
      assert.equal(matchesPattern(pattern, value), expected);
    });
  }
});

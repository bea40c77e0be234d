import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { parseIdTokenDuration } from "./parse-id-token-duration.js";

// nsc-conventions.md: "`--duration` takes Go durations plus `d`, `w`, `y` and fractions (`1.5h`, `1w`); a
// bare number other than `0` is rejected; 0 = server default."
describe("parseIdTokenDuration", () => {
  it("takes Go durations, d, w, y and fractions", () => {
    const cases: readonly (readonly [string, number])[] = [
      ["0", 0],
      ["90s", 90],
      ["1h30m", 5400],
      ["1.5h", 5400],
      [".5m", 30],
      ["1d", 86_400],
      ["1w", 604_800],
      ["1y", 31_536_000],
      ["1d12h", 129_600],
      ["1500ms", 2],
    ];
    for (const [text, seconds] of cases) assert.equal(parseIdTokenDuration(text), seconds, text);
  });

  it("refuses a bare number other than 0, and anything that is not a duration", () => {
    for (const text of ["5", "3600", "1.5", "", "h", "1x", "-1h", "1h ", "1 h"]) {
      assert.throws(
        () => parseIdTokenDuration(text),
        (error: unknown) => error instanceof NscError && error.code === "invalid_duration",
        text,
      );
    }
  });
});

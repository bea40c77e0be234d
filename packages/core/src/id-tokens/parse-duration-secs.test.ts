import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "../errors/nsc-error.js";
import { parseDurationSecs } from "./parse-duration-secs.js";

const bounds = { default: 600, max: 3600 } as const;

function assertInvalid(value: unknown, message: RegExp): void {
  assert.throws(
    () => parseDurationSecs(value, bounds),
    (error: unknown) =>
      error instanceof NscError &&
      error.code === "invalid_duration" &&
      error.field === "duration_secs" &&
      message.test(error.message),
  );
}

void describe("parseDurationSecs", () => {
  void it("uses the default when absent or 0", () => {
    assert.equal(parseDurationSecs(undefined, bounds), 600);
    assert.equal(parseDurationSecs(0, bounds), 600);
  });

  void it("accepts whole seconds from 60 to the maximum", () => {
    assert.equal(parseDurationSecs(60, bounds), 60);
    assert.equal(parseDurationSecs(900, bounds), 900);
    assert.equal(parseDurationSecs(3600, bounds), 3600);
  });

  void it("rejects more than the maximum and says what the maximum is", () => {
    assertInvalid(3601, /maximum is 3600 seconds/u);
  });

  void it("rejects less than a minute", () => {
    assertInvalid(59, /minimum is 60 seconds/u);
    assertInvalid(-5, /minimum is 60 seconds/u);
  });

  void it("rejects fractions, non-numbers and non-finite numbers", () => {
    for (const value of [90.5, "600", null, Number.NaN, Number.POSITIVE_INFINITY]) {
      assertInvalid(value, /whole number of seconds/u);
    }
  });
});

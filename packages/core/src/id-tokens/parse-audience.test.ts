import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "../errors/nsc-error.js";
import { parseAudience } from "./parse-audience.js";

function assertInvalid(value: unknown): void {
  assert.throws(
    () => parseAudience(value),
    (error: unknown) =>
      error instanceof NscError && error.code === "invalid_audience" && error.field === "audience",
  );
}

void describe("parseAudience", () => {
  void it("accepts Tailscale, cloud and URL audiences unchanged", () => {
    for (const value of [
      "api.tailscale.com/kXyz123CNTRL",
      "sts.amazonaws.com",
      "https://vault.example.com:8200",
      "a",
    ]) {
      assert.equal(parseAudience(value), value);
    }
    assert.equal(parseAudience("x".repeat(512)).length, 512);
  });

  void it("rejects empty, missing and non-string values", () => {
    for (const value of ["", undefined, null, 42, ["a"]]) assertInvalid(value);
  });

  void it("rejects audiences longer than 512 characters", () => {
    assertInvalid("x".repeat(513));
  });

  void it("rejects whitespace, control and invisible characters", () => {
    for (const value of [
      " a",
      "a ",
      "a b",
      "a\tb",
      "a\nb",
      "a\u0000b",
      "a\u007fb",
      "a\u200bb",
      "\ufeffa",
      "a\u00a0b",
    ]) {
      assertInvalid(value);
    }
  });

  void it("rejects lone surrogates, private-use and unassigned characters, and text not in NFC", () => {
    assert.throws(
      () => parseAudience("api.tailscale.com/k\ud800"),
      /a lone surrogate .*U\+D800 at position 19/u,
    );
    assert.throws(() => parseAudience("a\udc00b"), /lone surrogate/u);
    assert.throws(() => parseAudience("a\ue000b"), /private-use character/u);
    assert.throws(() => parseAudience("a\u0378b"), /unassigned character/u);
    assert.throws(() => parseAudience("cafe\u0301.example"), /normal form NFC/u);
    assert.equal(parseAudience("caf\u00e9.example"), "caf\u00e9.example");
    assert.equal(parseAudience("api.tailscale.com/k\u{1f600}"), "api.tailscale.com/k\u{1f600}");
  });

  void it("says which character is wrong", () => {
    assert.throws(() => parseAudience("sts.amazonaws.com\n"), /U\+000A at position 17/u);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "../errors/nsc-error.js";
import { parseIdTokenRequest } from "./id-token-request.js";

const bounds = { default: 600, max: 3600 } as const;

function codeOf(body: unknown): string {
  try {
    parseIdTokenRequest(body, bounds);
  } catch (error) {
    if (error instanceof NscError) return error.code;
    throw error;
  }
  return "ok";
}

void describe("parseIdTokenRequest", () => {
  void it("parses a body and applies the default lifetime", () => {
    assert.deepEqual(parseIdTokenRequest({ audience: "sts.amazonaws.com" }, bounds), {
      audience: "sts.amazonaws.com",
      lifetimeSecs: 600,
    });
    assert.deepEqual(parseIdTokenRequest({ audience: "a", duration_secs: 120 }, bounds), {
      audience: "a",
      lifetimeSecs: 120,
    });
  });

  void it("rejects unknown fields and wrong types as invalid_request", () => {
    assert.equal(codeOf({ audience: "a", extra: 1 }), "invalid_request");
    assert.equal(codeOf({ audience: 1 }), "invalid_request");
    assert.equal(codeOf({}), "invalid_request");
    assert.equal(codeOf({ audience: "a", duration_secs: "60" }), "invalid_request");
    assert.equal(codeOf(null), "invalid_request");
  });

  void it("uses the audience and duration codes for their rules", () => {
    assert.equal(codeOf({ audience: "" }), "invalid_audience");
    assert.equal(codeOf({ audience: "a b" }), "invalid_audience");
    assert.equal(codeOf({ audience: "a", duration_secs: 7200 }), "invalid_duration");
    assert.equal(codeOf({ audience: "a", duration_secs: 30 }), "invalid_duration");
  });
});

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { NscError } from "../errors/nsc-error.js";
import { isWorkspaceId, newId, parseWorkspaceId } from "./object-id.js";

void describe("isWorkspaceId", () => {
  void it("accepts exactly what parseWorkspaceId accepts", () => {
    const id = newId("workspace", randomBytes);
    assert.equal(isWorkspaceId(id), true);
    assert.equal(parseWorkspaceId(id), id);
    for (const bad of ["", "ws-", "ws-doesnotexist0000", "in-aaaaaaaaaaaaaaaa", `${id}a`, id.toUpperCase()]) {
      assert.equal(isWorkspaceId(bad), false, bad);
      assert.throws(
        () => parseWorkspaceId(bad),
        (error: unknown) => error instanceof NscError && error.code === "invalid_request",
      );
    }
  });
});

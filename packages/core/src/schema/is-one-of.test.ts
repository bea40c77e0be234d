import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROLES } from "../tokens/token-roles.js";
import { isOneOf } from "./is-one-of.js";

void describe("isOneOf", () => {
  void it("admits the listed strings only, exactly as written", () => {
    for (const role of ROLES) assert.equal(isOneOf(ROLES, role), true);
    for (const other of ["Admin", "admin ", "", "owner", 1, null, undefined, ["admin"]]) {
      assert.equal(isOneOf(ROLES, other), false, JSON.stringify(other));
    }
  });
});

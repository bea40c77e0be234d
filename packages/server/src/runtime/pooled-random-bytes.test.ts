import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pooledRandomBytes } from "./pooled-random-bytes.js";

describe("pooledRandomBytes", () => {
  it("never hands out the same bytes twice, across refills", () => {
    const random = pooledRandomBytes();
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const hex = Buffer.from(random(16)).toString("hex");
      assert.equal(seen.has(hex), false);
      seen.add(hex);
    }
  });

  it("returns copies the caller may keep or change", () => {
    const random = pooledRandomBytes();
    const a = random(8);
    const before = Buffer.from(a).toString("hex");
    random(8);
    assert.equal(Buffer.from(a).toString("hex"), before);
    assert.equal(random(5000).length, 5000);
  });
});

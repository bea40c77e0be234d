import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLogger } from "../log/logger.js";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";
import { failedAuthCounters } from "./failed-auth-counters.js";

const LIMITS = { maxFailures: 20, windowMs: 60_000, maxSources: 100 };

for (const database of TEST_DATABASES) {
  void describe(`failed authentication is limited per source on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;
    const lines: { level: string; msg: string; failures?: number }[] = [];

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store, {
        failedAuthLimits: LIMITS,
        logger: createLogger({ write: (line) => lines.push(JSON.parse(line) as (typeof lines)[number]) }),
      });
      admin = (await t.workspace()).adminToken;
    });
    after(async () => store.close());

    void it("answers 429 with Retry-After after the limit, for any token, until the window ends", async () => {
      const before = { ...failedAuthCounters };
      const bad = `nsct_${"x".repeat(43)}`;
      for (let i = 0; i < LIMITS.maxFailures; i++) {
        assert.equal((await t.call("GET", "/v1/workspace", bad)).status, 401);
      }
      const wrong = await t.app.request("/v1/workspace", { headers: { authorization: `Bearer ${bad}` } });
      assert.equal(wrong.status, 429);
      assert.equal(wrong.headers.get("retry-after"), "60");
      assert.equal(
        ((await wrong.json()) as { error: { code: string } }).error.code,
        "too_many_failed_attempts",
      );
      assert.equal((await t.call("GET", "/v1/workspace", admin)).status, 429, "a valid token gains nothing");
      assert.equal(
        (await t.call("POST", "/v1/id-token", "nscw_whatever-token", { audience: "x" })).status,
        429,
      );
      assert.equal((await t.call("GET", "/healthz")).status, 200, "public endpoints stay open");
      t.clock.advance(30_000);
      const later = await t.app.request("/v1/workspace", { headers: { authorization: `Bearer ${admin}` } });
      assert.equal(later.headers.get("retry-after"), "30");
      t.clock.advance(30_000);
      assert.equal((await t.call("GET", "/v1/workspace", admin)).status, 200);
      assert.equal(failedAuthCounters.failures - before.failures, LIMITS.maxFailures);
      assert.equal(failedAuthCounters.limited - before.limited, 4);
    });

    void it("logs failures in aggregate, not one line each", () => {
      const requestLines = lines.filter((line) => line.msg === "request");
      assert.ok(requestLines.length > 0);
      const failureLines = lines.filter((line) => line.msg === "failed authentication");
      assert.ok(failureLines.length >= 1 && failureLines.length <= 2, JSON.stringify(failureLines));
      assert.equal(lines.filter((line) => line.level === "warn").length, failureLines.length);
    });
  });
}

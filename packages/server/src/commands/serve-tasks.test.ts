import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { silentLogger } from "../log/logger.js";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";
import { followRotation } from "./serve-tasks.js";

for (const database of TEST_DATABASES) {
  describe(`serve --export-dir on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
    });
    after(async () => store.close());

    it("writes the served documents and rewrites them after a rotation", async () => {
      const dir = mkdtempSync(join(tmpdir(), "nsc-export-"));
      const jwksFile = join(dir, ".well-known", "jwks");
      const stop = followRotation(t.documents, dir, silentLogger, 5);
      try {
        assert.equal(readFileSync(jwksFile, "utf8"), t.documents.jwks.body);
        assert.equal(
          readFileSync(join(dir, ".well-known", "openid-configuration"), "utf8"),
          t.documents.discovery.body,
        );
        const { removed } = await t.keyRing.rotateEmergency();
        assert.equal(removed.length, 1);
        const fresh = t.keyRing.keys[0]?.kid ?? "";
        // Polls the file until the sync timer has run; the hang timeout is the test runner's.
        for (;;) {
          const text = readFileSync(jwksFile, "utf8");
          if (text.includes(fresh)) break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const published = JSON.parse(readFileSync(jwksFile, "utf8")) as { keys: { kid: string }[] };
        assert.deepEqual(
          published.keys.map((k) => k.kid),
          [fresh],
        );
        assert.equal(
          published.keys.some((k) => removed.includes(k.kid)),
          false,
        );
      } finally {
        stop();
      }
    });
  });
}

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { silentLogger } from "../log/logger.js";
import { openStore } from "../store/open-store.js";
import { TestClock } from "../test-support/test-clock.js";
import { TEST_DATABASES } from "../test-support/test-databases.js";
import { authenticateApiToken } from "../tokens/api-tokens.js";
import { bootstrapWorkspace } from "./bootstrap-workspace.js";

const runtime = { clock: new TestClock(), randomBytes: (n: number) => randomBytes(n), logger: silentLogger };

for (const database of TEST_DATABASES) {
  describe(`first-start bootstrap on ${database.name}`, () => {
    it("creates one workspace and admin token on an empty database, and nothing on later starts", async () => {
      const created = await database.create();
      const dataDir = mkdtempSync(join(tmpdir(), "nsc-boot-"));
      try {
        const store = await openStore(created.url);
        const first = await bootstrapWorkspace(store, dataDir, runtime);
        assert.ok(first);
        assert.equal(readFileSync(first.tokenFile, "utf8").trim(), first.adminToken);
        assert.equal(statSync(first.tokenFile).mode & 0o777, 0o600);
        const principal = await authenticateApiToken(store.db, first.adminToken, runtime.clock.now());
        assert.equal(principal.role, "admin");
        assert.equal(principal.workspaceId, first.workspaceId);
        await store.close();

        // Later starts (on PostgreSQL, several replicas at once) bootstrap nothing.
        const replicas =
          database.name === "postgres"
            ? await Promise.all([openStore(created.url), openStore(created.url)])
            : [await openStore(created.url)];
        const again = await Promise.all(replicas.map((s) => bootstrapWorkspace(s, dataDir, runtime)));
        assert.deepEqual(
          again,
          replicas.map(() => undefined),
        );
        const count = await replicas[0]?.db
          .selectFrom("workspaces")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst();
        assert.equal(Number(count?.n), 1);
        await Promise.all(replicas.map((s) => s.close()));
      } finally {
        await created.drop();
      }
    });

    // Replicas share only PostgreSQL; a SQLite database belongs to one process.
    it(
      "lets exactly one of several replicas bootstrap an empty database",
      { skip: database.name !== "postgres" },
      async () => {
        const created = await database.create();
        try {
          const replicas = await Promise.all([
            openStore(created.url),
            openStore(created.url),
            openStore(created.url),
          ]);
          const results = await Promise.all(
            replicas.map((s) =>
              bootstrapWorkspace(s, mkdtempSync(join(tmpdir(), "nsc-boot-")), runtime).catch(() => "error"),
            ),
          );
          assert.equal(results.filter((r) => typeof r === "object").length, 1, JSON.stringify(results));
          await Promise.all(replicas.map((s) => s.close()));
        } finally {
          await created.drop();
        }
      },
    );
  });
}

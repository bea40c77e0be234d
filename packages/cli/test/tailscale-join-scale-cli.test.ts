import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TEST_DATABASES, type TestDatabase } from "@nsc/server/testing";
import { startFederation, type Federation } from "./support/federation.js";
import { startProcessFederation } from "./support/process-federation.js";
import { LeakWatch } from "./support/leak-watch.js";
import { RUNNER_LABELS } from "./support/join-assertions.js";

const JOINS = 50;

/**
 * 50 workloads join at once. On every database the joins run in this process (`nsc` and the stand-in
 * `tailscale` in-process, the server on a real socket): the server's concurrency is what varies with the
 * database. Once more as 50 real `nsc` processes, each running the stand-in `tailscale` as processes, on the
 * last database (PostgreSQL when it is there, as in CI): process start-up, argv and process groups at this
 * scale do not depend on the database, and each run costs three Node.js start-ups per join.
 */
function scaleSuite(title: string, start: () => Promise<Federation>): void {
  describe(title, () => {
    let federation: Federation;
    const watch = new LeakWatch();

    before(async () => {
      federation = await start();
    });
    after(async () => {
      await federation.close();
    });

    it(`joins ${JOINS} instances at once, every device present and ephemeral`, async () => {
      const workloads = await Promise.all(
        Array.from({ length: JOINS }, () =>
          federation.registerDirect({ kind: "runner", labels: RUNNER_LABELS.filter((l) => l !== "--label") }),
        ),
      );
      const results = await Promise.all(workloads.map((w) => watch.run(w, "tailscale", "up")));
      for (const result of results) assert.equal(result.code, 0, result.stderr);
      for (const workload of workloads) {
        const devices = federation.devicesNamed(workload.instance.hostname);
        assert.equal(devices.length, 1, workload.instance.hostname);
        assert.equal(devices[0]?.ephemeral, true);
        watch.recordArgvs(workload.argvs());
      }
      assert.equal(federation.emulator.state.devices().length, JOINS, "no device more than the joins");
    });

    it("never shows a token, an ID token or an auth key in argv, output or errors", () => {
      watch.assertClean(JOINS, federation.serverLog());
    });
  });
}

for (const database of TEST_DATABASES) {
  scaleSuite(`nsc tailscale up at scale, ${JOINS} in-process nsc at once (server on ${database.name})`, () =>
    startFederation(database),
  );
}

const processDatabase: TestDatabase | undefined = TEST_DATABASES.at(-1);
assert.ok(processDatabase !== undefined, "SQLite is always a test database");
scaleSuite(
  `nsc tailscale up at scale, ${JOINS} nsc processes at once (nsc-server on ${processDatabase.name}, Tailscale emulator)`,
  () => startProcessFederation(processDatabase),
);

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TEST_DATABASES } from "@nsc/server/testing";
import type { Federation } from "./support/federation.js";
import { startProcessFederation } from "./support/process-federation.js";
import { LeakWatch } from "./support/leak-watch.js";
import { RUNNER_LABELS } from "./support/join-assertions.js";

for (const database of TEST_DATABASES) {
  describe(`nsc tailscale up at scale, 50 nsc processes at once (nsc-server on ${database.name}, Tailscale emulator)`, () => {
    let federation: Federation;
    const watch = new LeakWatch();

    before(async () => {
      federation = await startProcessFederation(database);
    });
    after(async () => {
      await federation.close();
    });

    it("joins 50 instances at once, every device present and ephemeral", async () => {
      const workloads = await Promise.all(
        Array.from({ length: 50 }, () =>
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
    });

    it("never shows a token, an ID token or an auth key in argv, output or errors", () => {
      watch.assertClean(50, federation.serverLog());
    });
  });
}

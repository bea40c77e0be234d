import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TEST_DATABASES } from "../../server/src/test-support/test-databases.js";
import { assertNoSecrets, startFederation, type Federation, type Workload } from "./support/federation.js";
import { RUNNER_LABELS } from "./support/join-assertions.js";
import type { RunResult } from "@nsc/testkit";

for (const database of TEST_DATABASES) {
  describe(`nsc tailscale up at scale (nsc-server on ${database.name}, Tailscale emulator)`, () => {
    let federation: Federation;
    const outputs: RunResult[] = [];
    const argvLogs: string[][] = [];
    const track = async (workload: Workload, ...args: string[]): Promise<RunResult> => {
      const result = await workload.nsc(...args);
      outputs.push(result);
      return result;
    };
    const devicesOf = (hostname: string) =>
      federation.emulator.state.devices().filter((device) => device.hostname === hostname);

    before(async () => {
      federation = await startFederation(database);
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
      const results = await Promise.all(workloads.map((w) => track(w, "tailscale", "up")));
      for (const result of results) assert.equal(result.code, 0, result.stderr);
      for (const workload of workloads) {
        const devices = devicesOf(workload.instance.hostname);
        assert.equal(devices.length, 1, workload.instance.hostname);
        assert.equal(devices[0]?.ephemeral, true);
        argvLogs.push(...workload.argvs());
      }
    });

    it("never shows a token, an ID token or an auth key in argv, output or errors", () => {
      assert.ok(outputs.length >= 50);
      for (const result of outputs) assertNoSecrets(result.stdout, result.stderr);
      for (const argv of argvLogs) assertNoSecrets(argv.join(" "));
      assertNoSecrets(federation.server.stderr());
    });
  });
}

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TEST_DATABASES } from "@nsc/server/testing";
import { TAILSCALE_BIN } from "@nsc/testkit";
import { SEED_TAGS, assertFailure, type Federation } from "./support/federation.js";
import { RUNNER_LABELS, assertArgv, federatedArgv, upsOf } from "./support/join-assertions.js";
import { startProcessFederation } from "./support/process-federation.js";

/**
 * The agent as processes: the real `nsc` binary runs the stand-in `tailscale` executable (found on PATH or
 * named by `--tailscale-bin`). The agent's behaviour, on both databases, is tested in-process
 * (tailscale-join-cli and tailscale-join-failures-cli); the database plays no part in what this proves, so
 * it runs on SQLite only.
 */
const database = TEST_DATABASES[0];
if (database === undefined) throw new Error("no test database");

describe(`nsc tailscale up and runner hooks as processes (nsc-server on sqlite)`, () => {
  let federation: Federation;

  before(async () => {
    federation = await startProcessFederation(database);
  });
  after(async () => {
    await federation.close();
  });

  it("joins before a job with the stand-in tailscale found on PATH, and leaves after it", async () => {
    const runner = await federation.register("--kind", "runner", ...RUNNER_LABELS);
    const started = await runner.nsc("runner", "hook", "job-started");
    assert.equal(started.code, 0, started.stderr);
    assert.deepEqual(runner.argvs()[0], ["version"]);
    assertArgv(upsOf(runner)[0], federatedArgv(federation, runner, SEED_TAGS, true));
    assert.equal(federation.devicesNamed(runner.instance.hostname).length, 1);
    const completed = await runner.nsc("runner", "hook", "job-completed");
    assert.deepEqual(completed, { code: 0, stdout: "Logged out of the tailnet.\n", stderr: "" });
    assert.deepEqual(federation.devicesNamed(runner.instance.hostname), []);
  });

  it("runs the client named by --tailscale-bin, and fails clearly when it does not exist", async () => {
    const workload = await federation.register("--tailscale-spec", "corp");
    const withoutPath = { PATH: process.env.PATH ?? "" };
    const result = await workload.nscWith(withoutPath, "tailscale", "up", "--tailscale-bin", TAILSCALE_BIN);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(federation.devicesNamed(workload.instance.hostname).length, 1);
    assertFailure(
      await workload.nscWith(withoutPath, "tailscale", "up", "--tailscale-bin", "/nonexistent/tailscale"),
      "tailscale_failed",
      "pass --tailscale-bin PATH",
    );
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TEST_DATABASES } from "@nsc/server/testing";
import { SEED_TAGS, assertFailure, startFederation, type Federation } from "./support/federation.js";
import { LeakWatch } from "./support/leak-watch.js";
import { RUNNER_LABELS, upsOf } from "./support/join-assertions.js";
import { TAILSCALE_BIN } from "@nsc/testkit";

for (const database of TEST_DATABASES) {
  describe(`nsc tailscale up failures, retries and old clients (nsc-server on ${database.name}, Tailscale emulator)`, () => {
    let federation: Federation;
    const watch = new LeakWatch();

    before(async () => {
      federation = await startFederation(database);
    });
    after(async () => {
      await federation.close();
    });

    it("names the tags when the trust credential does not allow them", async () => {
      await federation.setSpec(
        "badtags",
        federation.credential.clientId,
        ["tag:namespace", "tag:other"],
        true,
      );
      const workload = await federation.register("--tailscale-spec", "badtags");
      const result = await watch.run(workload, "tailscale", "up");
      assertFailure(result, "tailscale_tags_rejected", "refused the tags tag:other");
      assert.match(result.stderr, /give the trust credential exactly the spec's tags/u);
      assert.deepEqual(federation.devicesNamed(workload.instance.hostname), []);
      assert.equal(upsOf(workload).length, 1, "a 4xx is not retried");
      assert.deepEqual(workload.retryWaits(), []);

      const json = await watch.run(workload, "tailscale", "up", "-o", "json");
      assert.notEqual(json.code, 0);
      const report = JSON.parse(json.stdout) as { ok: boolean; argv: string[] };
      assert.equal(report.ok, false);
      assert.ok(report.argv.includes("--advertise-tags=tag:namespace,tag:other"));
      assert.equal(json.code, 7, "Tailscale refused");
      const error = (JSON.parse(json.stderr) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, "tailscale_tags_rejected");
      assert.match(error.message, /refused the tags tag:other/u);
    });

    it("prints the issuer, subject and audience when the subject pattern does not match the workspace", async () => {
      const other = federation.emulator.createTrustCredential({
        issuer: federation.server.url,
        subject: "ws-someoneelse00000/*",
        scopes: ["auth_keys"],
        tags: [...SEED_TAGS],
      });
      await federation.setSpec("wrongsub", other.clientId, SEED_TAGS, true);
      const workload = await federation.register("--tailscale-spec", "wrongsub");
      const result = await watch.run(workload, "tailscale", "up");
      assertFailure(
        result,
        "tailscale_token_rejected",
        `Tailscale rejected the ID token for client ID ${other.clientId}`,
      );
      assert.ok(result.stderr.includes(`issuer ${federation.server.url}`));
      assert.ok(result.stderr.includes(`matching ${workload.instance.subject}`));
      assert.ok(result.stderr.includes(`${federation.workspaceId}/*`));
      assert.ok(result.stderr.includes(`audience api.tailscale.com/${other.clientId}`));
      assert.equal(federation.emulator.state.rejections().at(-1)?.kind, "subject_mismatch");
      assert.equal(upsOf(workload).length, 1);
    });

    it("explains a wrong client ID the same way", async () => {
      await federation.setSpec("wrongid", "kNoSuchClient", SEED_TAGS, true);
      const workload = await federation.register("--tailscale-spec", "wrongid");
      const result = await watch.run(workload, "tailscale", "up");
      assertFailure(result, "tailscale_token_rejected", "client ID kNoSuchClient");
      assert.equal(federation.emulator.state.rejections().at(-1)?.kind, "unknown_client_id");
    });

    for (const version of ["1.88.0", "1.90.2"]) {
      it(`makes the auth key itself for tailscale ${version} and passes it as a file`, async () => {
        const workload = await federation.register("--kind", "runner", ...RUNNER_LABELS);
        const joined = await watch.runWith(
          workload,
          { TESTKIT_TAILSCALE_VERSION: version },
          "tailscale",
          "up",
          "-o",
          "json",
        );
        assert.equal(joined.code, 0, joined.stderr);
        const report = JSON.parse(joined.stdout) as { path: string; argv: string[] };
        assert.equal(report.path, "auth_key");
        const up = upsOf(workload)[0];
        watch.recordArgvs(workload.argvs());
        assert.ok(up !== undefined);
        assert.match(up[1] ?? "", /^--auth-key=file:\/.+\/secret$/u);
        assert.equal(
          up.some((arg) => arg.startsWith("--client-id") || arg.startsWith("--id-token")),
          false,
        );
        assert.deepEqual(up.slice(2), [
          "--advertise-tags=tag:namespace,tag:ci",
          "--accept-dns=true",
          `--hostname=${workload.instance.hostname}`,
          `--login-server=${federation.emulator.url}`,
          "--reset",
          "--timeout=2m",
        ]);
        const [device] = federation.devicesNamed(workload.instance.hostname);
        assert.ok(device !== undefined, "device in the tailnet");
        assert.deepEqual(device.tags, [...SEED_TAGS]);
        assert.equal(device.ephemeral, true);
        const key = federation.emulator.state.authKeys().find((k) => k.id === device.authKeyId);
        assert.ok(key !== undefined, "the auth key nsc made");
        assert.equal(key.reusable, false);
        assert.equal(key.preauthorized, true);
      });
    }

    it("runs the client named by --tailscale-bin", async () => {
      const workload = await federation.register("--tailscale-spec", "corp");
      const result = await workload.nscWith(
        { PATH: process.env.PATH ?? "" },
        "tailscale",
        "up",
        "--tailscale-bin",
        TAILSCALE_BIN,
        "--timeout",
        "90s",
      );
      watch.record(result);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(upsOf(workload)[0]?.at(-1), "--timeout=90s");
      assert.equal(federation.devicesNamed(workload.instance.hostname).length, 1);
      assertFailure(
        await workload.nscWith(
          { PATH: process.env.PATH ?? "" },
          "tailscale",
          "up",
          "--tailscale-bin",
          "/nonexistent/tailscale",
        ),
        "tailscale_failed",
        "pass --tailscale-bin PATH",
      );
    });

    it("retries when Tailscale answers 5xx, then joins", async () => {
      const workload = await federation.register("--tailscale-spec", "corp");
      // The client sends each exchange twice (with and without Basic Og==): two faults fail one `up`.
      federation.emulator.failNext(2, 503, "token-exchange");
      const result = await watch.run(workload, "tailscale", "up");
      assert.equal(result.code, 0, result.stderr);
      assert.equal(upsOf(workload).length, 2, "one failed up, one retried up");
      assert.equal(workload.retryWaits().length, 1, "one wait before the retry");
      assert.equal(federation.devicesNamed(workload.instance.hostname).length, 1);
    });

    it("retries 5xx on the auth-key path's own calls too", async () => {
      const workload = await federation.register("--tailscale-spec", "corp");
      federation.emulator.failNext(1, 502, "token-exchange");
      federation.emulator.failNext(1, 503, "auth-keys");
      const result = await watch.runWith(
        workload,
        { TESTKIT_TAILSCALE_VERSION: "1.88.0" },
        "tailscale",
        "up",
      );
      assert.equal(result.code, 0, result.stderr);
      assert.equal(workload.retryWaits().length, 2, "a wait before each retried call");
      assert.equal(federation.devicesNamed(workload.instance.hostname).length, 1);
    });

    it("never shows a token, an ID token or an auth key in argv, output or errors", () => {
      watch.assertClean(6, federation.serverLog());
    });
  });
}

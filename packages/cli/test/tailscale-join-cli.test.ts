import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { TEST_DATABASES } from "../../server/src/test-support/test-databases.js";
import { SEED_TAGS, assertFailure, startFederation, type Federation } from "./support/federation.js";
import { runNsc } from "@nsc/testkit";
import { LeakWatch } from "./support/leak-watch.js";
import { RUNNER_LABELS, assertArgv, federatedArgv, upsOf } from "./support/join-assertions.js";

for (const database of TEST_DATABASES) {
  describe(`nsc tailscale up and runner hooks (nsc-server on ${database.name}, Tailscale emulator)`, () => {
    let federation: Federation;
    const watch = new LeakWatch();

    before(async () => {
      federation = await startFederation(database);
    });
    after(async () => {
      await federation.close();
    });

    it("joins a runner registered from its runs-on labels with the seed's argv, and leaves after the job", async () => {
      const runner = await federation.register("--kind", "runner", ...RUNNER_LABELS);
      assert.equal(runner.instance.tailscale_spec, "corp");
      assert.equal(runner.instance.spec_source, "label");
      const started = await watch.run(runner, "runner", "hook", "job-started");
      assert.equal(started.code, 0, started.stderr);
      assert.match(
        started.stdout,
        /^Joined the tailnet as \S+ with spec "corp" \(tags tag:namespace, tag:ci; MagicDNS on\) using federated identity\.\n$/u,
      );

      const argvs = runner.argvs();
      watch.recordArgvs(argvs);
      assert.deepEqual(argvs[0], ["version"]);
      const up = argvs[1];
      assertArgv(up, federatedArgv(federation, runner, SEED_TAGS, true));
      // The seed's documented line, word for word (the token file aside).
      assert.match(
        (up ?? []).slice(0, 4).join(" "),
        new RegExp(
          `^up --client-id=${federation.credential.clientId}\\?preauthorized=true&ephemeral=true --id-token=file:\\S+ --advertise-tags=tag:namespace,tag:ci$`,
          "u",
        ),
      );
      const tokenPath = (up?.[2] ?? "").slice("--id-token=file:".length);
      assert.equal(existsSync(tokenPath), false, "the ID token file is removed after the join");

      const [device] = federation.devicesNamed(runner.instance.hostname);
      assert.ok(device !== undefined, "device in the tailnet");
      assert.deepEqual(device.tags, [...SEED_TAGS]);
      assert.equal(device.ephemeral, true);
      assert.equal(device.acceptDns, true);
      assert.equal(device.authorized, true);

      const completed = await watch.run(runner, "runner", "hook", "job-completed");
      assert.equal(completed.code, 0, completed.stderr);
      assert.deepEqual(
        federation.devicesNamed(runner.instance.hostname),
        [],
        "job-completed removes the device at once",
      );
      const again = await watch.run(runner, "runner", "hook", "job-completed");
      assert.deepEqual(again, { code: 0, stdout: "", stderr: "" }, "quiet when already logged out");
    });

    it("joins a generic instance with its registered spec, and passes Magic DNS off as --accept-dns=false", async () => {
      await federation.setSpec("nodns", federation.credential.clientId, ["tag:ci"], false);
      const generic = await federation.register("--tailscale-spec", "nodns");
      assert.equal(generic.instance.spec_source, "request");
      const result = await watch.run(generic, "tailscale", "up", "-o", "json");
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(report), [
        "instance",
        "hostname",
        "tags",
        "magic_dns",
        "path",
        "argv",
        "ok",
      ]);
      assert.equal(report.instance, generic.instance.id);
      assert.deepEqual(report.tags, ["tag:ci"]);
      assert.equal(report.magic_dns, false);
      assert.equal(report.path, "federated");
      assert.equal(report.ok, true);
      assert.ok((report.argv as string[]).includes("--id-token=file:<redacted>"));
      assertArgv(upsOf(generic)[0], federatedArgv(federation, generic, ["tag:ci"], false));
      watch.recordArgvs(generic.argvs());
      assert.equal(federation.devicesNamed(generic.instance.hostname)[0]?.acceptDns, false);
    });

    it("prints the argv with the token file redacted on --dry-run, and joins and mints nothing", async () => {
      const workload = await federation.register("--tailscale-spec", "corp");
      const result = await watch.run(workload, "tailscale", "up", "--dry-run");
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stdout,
        `tailscale up '--client-id=${federation.credential.clientId}?preauthorized=true&ephemeral=true' '--id-token=file:<redacted>' --advertise-tags=tag:namespace,tag:ci --accept-dns=true --hostname=${workload.instance.hostname} --login-server=${federation.emulator.url} --reset --timeout=2m\n`,
      );
      assert.deepEqual(workload.argvs(), [["version"]]);
      assert.deepEqual(federation.devicesNamed(workload.instance.hostname), []);
      const audit = await federation.nsc(
        "audit",
        "list",
        "--action",
        "id_token.issued",
        "--limit",
        "500",
        "-o",
        "json",
      );
      const issued = (JSON.parse(audit.stdout) as { events: { object_id: string }[] }).events;
      assert.equal(
        issued.some((event) => event.object_id === workload.instance.id),
        false,
        "a dry run mints no ID token",
      );
    });

    it("plans on --dry-run where no tailscale command exists, and says the client is missing", async () => {
      const workload = await federation.register("--tailscale-spec", "corp");
      // No program at all: every run is "not found", as on a host without Tailscale.
      const result = await runNsc(["tailscale", "up", "--dry-run"], { env: workload.env, programs: {} });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stdout,
        `tailscale up '--client-id=${federation.credential.clientId}?preauthorized=true&ephemeral=true' '--id-token=file:<redacted>' --advertise-tags=tag:namespace,tag:ci --accept-dns=true --hostname=${workload.instance.hostname} --login-server=${federation.emulator.url} --reset --timeout=2m\n`,
      );
      assert.equal(
        result.stderr,
        "note: the tailscale client is missing (tailscale: not found); the plan is for Tailscale 1.90.4 or later. Install Tailscale, or pass --tailscale-bin PATH, before joining.\n",
      );
      const json = await runNsc(
        [
          "tailscale",
          "up",
          "--dry-run",
          "--no-federation",
          "--tailscale-bin",
          "/opt/ts/tailscale",
          "-o",
          "json",
        ],
        { env: workload.env, programs: {} },
      );
      assert.equal(json.code, 0, json.stderr);
      assert.equal((JSON.parse(json.stdout) as { path: string }).path, "auth_key");
      assert.equal(
        json.stderr,
        "note: the tailscale client is missing (/opt/ts/tailscale: not found). Install Tailscale, or pass --tailscale-bin PATH, before joining.\n",
      );
      const joined = await runNsc(["tailscale", "up"], { env: workload.env, programs: {} });
      assert.equal(joined.code, 7, "without --dry-run a missing client still fails");
      assert.match(
        joined.stderr,
        /the tailscale command was not found \(tailscale\).*\[tailscale_failed\]\n$/u,
      );
      assert.deepEqual(federation.devicesNamed(workload.instance.hostname), []);
    });

    it("uses a spec's new tags on the next join after an edit", async () => {
      await federation.setSpec("edited", federation.credential.clientId, ["tag:ci"], true);
      const workload = await federation.register("--tailscale-spec", "edited");
      assert.equal((await watch.run(workload, "runner", "hook", "job-started")).code, 0);
      assert.deepEqual(federation.devicesNamed(workload.instance.hostname)[0]?.tags, ["tag:ci"]);
      assert.equal((await watch.run(workload, "runner", "hook", "job-completed")).code, 0);
      await federation.setSpec("edited", federation.credential.clientId, ["tag:namespace"], false);
      const second = await watch.run(workload, "runner", "hook", "job-started");
      assert.equal(second.code, 0, second.stderr);
      const [device] = federation.devicesNamed(workload.instance.hostname);
      assert.ok(device !== undefined, "device in the tailnet");
      assert.deepEqual(device.tags, ["tag:namespace"]);
      assert.equal(device.acceptDns, false);
      assert.equal(upsOf(workload)[1]?.[3], "--advertise-tags=tag:namespace");
    });

    it("fails clearly when the spec was removed after registration", async () => {
      await federation.setSpec("doomed", federation.credential.clientId, ["tag:ci"], true);
      const workload = await federation.register("--tailscale-spec", "doomed");
      const refused = await federation.nsc("integrations", "tailscale", "remove", "doomed");
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /used by 1 live instance.*\[spec_in_use\]/u);
      assert.equal(
        (await federation.nsc("integrations", "tailscale", "remove", "doomed", "--force")).code,
        0,
      );
      const result = await watch.run(workload, "tailscale", "up");
      assertFailure(result, "spec_not_found", '"doomed"');
      assert.deepEqual(workload.argvs(), [], "tailscale never ran");
    });

    it("fails clearly for an instance without a spec", async () => {
      const workload = await federation.register();
      assert.equal(workload.instance.tailscale_spec, null);
      assertFailure(await watch.run(workload, "tailscale", "up"), "no_tailscale_spec", workload.instance.id);
    });

    it("never shows a token, an ID token or an auth key in argv, output or errors", () => {
      watch.assertClean(6, federation.serverLog());
    });
  });
}

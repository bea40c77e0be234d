import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  TAILSCALE_BIN,
  runNode,
  startTailscaleEmulator,
  type TailscaleEmulator,
  type TailscaleEmulatorOptions,
  type TrustCredential,
} from "@nsc/testkit";
import { TEST_DATABASES } from "@nsc/server/testing";
import {
  SEED_TAGS,
  assertFailure,
  startFederation,
  type Federation,
  type Workload,
} from "./support/federation.js";
import { upsOf } from "./support/join-assertions.js";

// The agent against the stricter stand-in `tailscale`, on nodes like real ones: state left by earlier
// joins, other specs and hand-run commands; every client version of the table; builds without identity
// federation; a custom trust-credential audience; both readings of the tag rule. The agent does not touch
// the database, so one database (the first) is enough here.
const database = TEST_DATABASES[0];
if (database === undefined) throw new Error("no test database");

interface NodePrefs {
  readonly ssh: boolean;
  readonly acceptDns: boolean;
  readonly advertiseTags: readonly string[];
  readonly loginServer: string;
}

/** The stand-in's node state of a workload. */
function nodeState(workload: Workload): { backendState: string; prefs: NodePrefs | undefined } {
  const dir = workload.env.TESTKIT_TAILSCALE_STATE_DIR ?? "";
  return JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as {
    backendState: string;
    prefs: NodePrefs | undefined;
  };
}

describe(`nsc tailscale up on real nodes (nsc-server on ${database.name}, stricter stand-in)`, () => {
  let federation: Federation;
  let second: { emulator: TailscaleEmulator; credential: TrustCredential } | undefined;

  before(async () => {
    federation = await startFederation(database);
  });
  after(async () => {
    await second?.emulator.close();
    await federation.close();
  });

  /** Another control server trusting the same nsc server, with its own settings. */
  const anotherEmulator = async (
    options: Partial<TailscaleEmulatorOptions>,
    tags: readonly string[] = SEED_TAGS,
    audience?: string,
  ): Promise<{ emulator: TailscaleEmulator; credential: TrustCredential }> => {
    await second?.emulator.close();
    const emulator = await startTailscaleEmulator({
      adminApiKey: "tskey-api-second",
      allowInsecureLoopbackIssuer: true,
      ...options,
    });
    const credential = emulator.createTrustCredential({
      issuer: federation.server.url,
      subject: `${federation.workspaceId}/*`,
      scopes: ["auth_keys"],
      tags: [...tags],
      ...(audience === undefined ? {} : { audience }),
    });
    second = { emulator, credential };
    return second;
  };

  const exchanges = (emulator: TailscaleEmulator): number =>
    emulator.state.requestLog().filter((e) => e.path === "/api/v2/oauth/token-exchange").length;

  // tailscale-wif.md: "Only when the node is Running, no `--auth-key` is given, the control URL is unchanged
  // and the advertised tags are unchanged does `up` merely edit prefs."
  it("joins again on a node still joined by an earlier job: same device, no new key", async () => {
    const workload = await federation.register("--tailscale-spec", "corp");
    assert.equal((await workload.nsc("tailscale", "up")).code, 0);
    const [device] = federation.devicesNamed(workload.instance.hostname);
    const before = exchanges(federation.emulator);
    const again = await workload.nsc("tailscale", "up");
    assert.equal(again.code, 0, again.stderr);
    assert.equal(exchanges(federation.emulator), before, "the client only edited its prefs");
    assert.deepEqual(
      federation.devicesNamed(workload.instance.hostname).map((d) => d.id),
      [device?.id],
    );
  });

  // "Without it, `up` on a node whose current prefs differ from the defaults in any flag not repeated
  // refuses …": the agent's `--reset` makes the node's prefs the spec's, whatever was there.
  it("joins a node left by another spec: the new spec's tags and DNS, one device", async () => {
    await federation.setSpec("dnsoff", federation.credential.clientId, ["tag:ci"], false);
    const first = await federation.register("--tailscale-spec", "corp");
    assert.equal((await first.nsc("tailscale", "up")).code, 0);
    const next = await federation.register("--tailscale-spec", "dnsoff");
    const sameNode = { TESTKIT_TAILSCALE_STATE_DIR: first.env.TESTKIT_TAILSCALE_STATE_DIR };
    const result = await next.nscWith(sameNode, "tailscale", "up");
    assert.equal(result.code, 0, result.stderr);
    const state = nodeState({ ...next, env: { ...next.env, ...sameNode } });
    assert.deepEqual(state.prefs?.advertiseTags, ["tag:ci"]);
    assert.equal(state.prefs.acceptDns, false);
    assert.deepEqual(federation.devicesNamed(first.instance.hostname), [], "the old device was replaced");
    assert.deepEqual(federation.devicesNamed(next.instance.hostname)[0]?.tags, ["tag:ci"]);
  });

  it("joins a node someone set up by hand with `tailscale up --ssh`, dropping the leftover --ssh", async () => {
    const workload = await federation.register("--tailscale-spec", "corp");
    const key = federation.emulator.createAuthKey({ tags: ["tag:ci"], preauthorized: true });
    const byHand = await runNode(
      TAILSCALE_BIN,
      [
        "up",
        `--login-server=${federation.emulator.url}`,
        `--auth-key=${key.key}`,
        "--advertise-tags=tag:ci",
        "--ssh",
        "--hostname=handmade",
      ],
      workload.env,
    );
    assert.equal(byHand.code, 0, byHand.stderr);
    const result = await workload.nsc("tailscale", "up");
    assert.equal(result.code, 0, result.stderr);
    const state = nodeState(workload);
    assert.equal(state.prefs?.ssh, false);
    assert.deepEqual(state.prefs.advertiseTags, [...SEED_TAGS]);
    assert.equal(upsOf(workload).at(-1)?.includes("--reset"), true);
  });

  it("moves a node Running on another control server with one --force-reauth retry", async () => {
    const other = await anotherEmulator({});
    const workload = await federation.register("--tailscale-spec", "corp");
    const key = other.emulator.createAuthKey({ tags: ["tag:ci"], preauthorized: true });
    const elsewhere = await runNode(
      TAILSCALE_BIN,
      ["up", `--login-server=${other.emulator.url}`, `--auth-key=${key.key}`, "--advertise-tags=tag:ci"],
      workload.env,
    );
    assert.equal(elsewhere.code, 0, elsewhere.stderr);
    const result = await workload.nsc("tailscale", "up");
    assert.equal(result.code, 0, result.stderr);
    const ups = upsOf(workload).slice(1);
    assert.equal(ups.length, 2);
    assert.equal(ups[0]?.includes("--force-reauth"), false);
    assert.equal(ups[1]?.includes("--force-reauth"), true);
    assert.equal(nodeState(workload).prefs?.loginServer, federation.emulator.url);
    assert.equal(federation.devicesNamed(workload.instance.hostname).length, 1);
  });

  // "Failure text: `unexpected error while creating authkey: Status: <code>, Message: …` from a JSON body":
  // a body that is not JSON leaves the status out, and the agent still retries it.
  it("retries key creation that failed with a non-JSON 5xx body, then joins", async () => {
    const workload = await federation.register("--tailscale-spec", "corp");
    federation.emulator.failNext(1, 502, "auth-keys", "", { rawBody: "<html>502 Bad Gateway</html>" });
    const result = await workload.nsc("tailscale", "up");
    assert.equal(result.code, 0, result.stderr);
    assert.equal(upsOf(workload).length, 2, "the first up failed at key creation and was run again");
    assert.equal(federation.devicesNamed(workload.instance.hostname).length, 1);
  });

  // "Builds made without the identity-federation feature … accept the flags but skip federation: `up` falls
  // back to interactive login and waits until `--timeout`."
  it("explains a client built without identity federation, and joins with --no-federation", async () => {
    const workload = await federation.register("--tailscale-spec", "corp");
    const omit = { TESTKIT_TAILSCALE_OMIT_FEDERATION: "1" };
    const failed = await workload.nscWith(omit, "tailscale", "up", "--timeout", "1s");
    assertFailure(failed, "tailscale_failed", "built without identity federation");
    assert.match(failed.stderr, /nsc tailscale up --no-federation/u);
    const joined = await workload.nscWith(omit, "tailscale", "up", "--no-federation");
    assert.equal(joined.code, 0, joined.stderr);
    assert.match(joined.stdout, /using an auth key made by nsc \(--no-federation\)\.\n$/u);
    assert.equal(upsOf(workload).at(-1)?.[1]?.startsWith("--auth-key=file:"), true);
    assert.equal(federation.devicesNamed(workload.instance.hostname).length, 1);
  });

  // "`audience` (optional: … a custom audience may be set …) … an operator must be able to override it per
  // spec".
  it("joins with a trust credential's custom audience once the spec names it", async () => {
    const other = await anotherEmulator({}, SEED_TAGS, "custom-audience-1");
    await federation.setSpec(
      "aud",
      other.credential.clientId,
      SEED_TAGS,
      true,
      "--login-server",
      other.emulator.url,
    );
    const workload = await federation.register("--tailscale-spec", "aud");
    const refused = await workload.nsc("tailscale", "up");
    assertFailure(refused, "tailscale_token_rejected", "--audience <its audience>");
    assert.equal(other.emulator.state.rejections().at(-1)?.kind, "audience_mismatch");
    await federation.setSpec(
      "aud",
      other.credential.clientId,
      SEED_TAGS,
      true,
      "--login-server",
      other.emulator.url,
      "--audience",
      "custom-audience-1",
    );
    const joined = await workload.nsc("tailscale", "up");
    assert.equal(joined.code, 0, joined.stderr);
    assert.equal(other.emulator.state.devices().length, 1);
  });

  // "Requested tags: … the exact rule is unverified": the agent under each reading of the emulator.
  for (const rule of ["subset", "all-or-owned"] as const) {
    it(`joins with the credential's exact tags under the ${rule} reading; a subset only under subset`, async () => {
      const other = await anotherEmulator({ tagPermission: rule });
      const login = ["--login-server", other.emulator.url];
      await federation.setSpec(`all-${rule}`, other.credential.clientId, SEED_TAGS, true, ...login);
      await federation.setSpec(`sub-${rule}`, other.credential.clientId, ["tag:ci"], true, ...login);
      const all = await federation.register("--tailscale-spec", `all-${rule}`);
      assert.equal((await all.nsc("tailscale", "up")).code, 0);
      const subset = await federation.register("--tailscale-spec", `sub-${rule}`);
      const result = await subset.nsc("tailscale", "up");
      if (rule === "subset") {
        assert.equal(result.code, 0, result.stderr);
      } else {
        assertFailure(result, "tailscale_tags_rejected", "give the trust credential exactly the spec's tags");
        assert.equal(upsOf(subset).length, 1, "a 400 is not retried");
      }
    });
  }

  // The version table: for each client, the exact argv and the outcome.
  const FEDERATED = (w: Workload, url: string): RegExp[] => [
    /^up$/u,
    new RegExp(`^--client-id=${federation.credential.clientId}\\?preauthorized=true&ephemeral=true$`, "u"),
    /^--id-token=file:\/.+\/secret$/u,
    /^--advertise-tags=tag:namespace,tag:ci$/u,
    /^--accept-dns=true$/u,
    new RegExp(`^--hostname=${w.instance.hostname}$`, "u"),
    new RegExp(`^--login-server=${url.replace(/[.]/gu, "\\.")}$`, "u"),
    /^--reset$/u,
    /^--timeout=2m$/u,
  ];
  const AUTH_KEY = (w: Workload, url: string): RegExp[] => [
    /^up$/u,
    /^--auth-key=file:\/.+\/secret$/u,
    ...FEDERATED(w, url).slice(3),
  ];
  const TABLE: readonly (readonly [string, "federated" | "auth_key"])[] = [
    ["1.88.0", "auth_key"],
    ["1.90.2", "auth_key"],
    ["1.90.4", "federated"],
    ["1.91.5", "auth_key"],
    ["1.92.3", "federated"],
    ["1.94.0", "federated"],
    ["1.96.0", "federated"],
    ["1.98.0", "federated"],
  ];
  for (const [version, path] of TABLE) {
    it(`tailscale ${version}: ${path === "federated" ? "the client's own federation" : "an auth key made by nsc"}`, async () => {
      const workload = await federation.register("--tailscale-spec", "corp");
      const result = await workload.nscWith({ TESTKIT_TAILSCALE_VERSION: version }, "tailscale", "up");
      assert.equal(result.code, 0, result.stderr);
      const ups = upsOf(workload);
      assert.equal(ups.length, 1);
      const expected = (path === "federated" ? FEDERATED : AUTH_KEY)(workload, federation.emulator.url);
      const [up] = ups;
      assert.equal(up?.length, expected.length, JSON.stringify(up));
      expected.forEach((pattern, i) => {
        assert.match(up[i] ?? "", pattern);
      });
      const [device] = federation.devicesNamed(workload.instance.hostname);
      assert.ok(device !== undefined);
      assert.equal(device.clientVersion, version);
      assert.deepEqual(device.tags, [...SEED_TAGS]);
      assert.equal(device.ephemeral, true);
      assert.equal(device.authorized, true);
    });
  }
});

import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { startFederation, type FederationFixture } from "../test-support/federation-fixture.js";
import { runStandin } from "../test-support/run-standin.js";
import { ACCIDENTAL_REVERT_PREFIX } from "./check-setting-reverts.js";
import { UP_TIMEOUT_TEXT } from "./up-command.js";

// Every test here pins a line of ../shared/reference/tailscale-wif.md, quoted in the comment above it. The
// stand-in must refuse all the real client refuses; none of these may pass by being lenient.
describe("stand-in tailscale: the reference's facts, one test each", () => {
  let fx: FederationFixture;
  let stateDir: string;
  let env: Record<string, string>;

  before(async () => {
    fx = await startFederation();
  });
  after(async () => {
    await fx.close();
  });
  beforeEach(() => {
    stateDir = join(mkdtempSync(join(tmpdir(), "testkit-reference-")), "state");
    env = { TESTKIT_TAILSCALE_STATE_DIR: stateDir };
    fx.emulator.state.clearRequestLog();
  });

  const federated = async (extra: readonly string[] = []): Promise<string[]> => [
    "up",
    `--login-server=${fx.emulator.url}`,
    `--client-id=${fx.credential.clientId}?preauthorized=true&ephemeral=true`,
    `--id-token=${await fx.token()}`,
    "--advertise-tags=tag:ci,tag:ns",
    ...extra,
  ];
  const reusableKey = (): string =>
    fx.emulator.createAuthKey({ tags: ["tag:ci", "tag:ns"], preauthorized: true, reusable: true }).key;
  const posts = (path: string): number =>
    fx.emulator.state.requestLog().filter((e) => e.method === "POST" && e.path === path).length;
  const withVersion = (version: string): Record<string, string> => ({
    ...env,
    TESTKIT_TAILSCALE_VERSION: version,
  });

  // "Only when the node is Running, no --auth-key is given, the control URL is unchanged and the
  // advertised tags are unchanged does `up` merely edit prefs."
  it("re-running up with the same control URL and tags only edits prefs: no exchange, same device", async () => {
    const first = await runStandin(await federated(["--hostname=same"]), env);
    assert.equal(first.code, 0, first.stderr);
    const device = fx.emulator.state.devices().find((d) => d.hostname === "same");
    fx.emulator.state.clearRequestLog();
    const again = await runStandin(await federated(["--hostname=same"]), env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(fx.emulator.state.requestLog().length, 0, "nothing is sent to the control server");
    assert.equal(fx.emulator.state.devices().find((d) => d.hostname === "same")?.id, device?.id);
  });

  // "Otherwise the client mints a new key (federation path) or uses the given one and restarts the login."
  it("re-running up with other tags mints a new key and logs in again", async () => {
    assert.equal((await runStandin(await federated(["--hostname=retag"]), env)).code, 0);
    const before = fx.emulator.state.devices().find((d) => d.hostname === "retag");
    const retagged = await runStandin(
      (await federated(["--hostname=retag"])).map((a) =>
        a.startsWith("--advertise-tags=") ? "--advertise-tags=tag:ci" : a,
      ),
      env,
    );
    assert.equal(retagged.code, 0, retagged.stderr);
    assert.equal(posts("/api/v2/oauth/token-exchange"), 2, "one exchange for each join");
    const after = fx.emulator.state.devices().filter((d) => d.hostname === "retag");
    assert.equal(after.length, 1, "the node's old device is replaced, not duplicated");
    assert.notEqual(after[0]?.id, before?.id);
    assert.deepEqual(after[0]?.tags, ["tag:ci"]);
  });

  it("re-running up with --auth-key on a Running node logs in again with that key", async () => {
    assert.equal((await runStandin(await federated(["--hostname=rekey"]), env)).code, 0);
    const key = fx.emulator.createAuthKey({ tags: ["tag:ci", "tag:ns"], preauthorized: true });
    const rekeyed = await runStandin(
      [
        "up",
        `--login-server=${fx.emulator.url}`,
        `--auth-key=${key.key}`,
        "--advertise-tags=tag:ci,tag:ns",
        "--hostname=rekey",
      ],
      env,
    );
    assert.equal(rekeyed.code, 0, rekeyed.stderr);
    assert.equal(fx.emulator.state.devices().find((d) => d.hostname === "rekey")?.authKeyId, key.id);
  });

  // "Without it, `up` on a node whose current prefs differ from the defaults in any flag not repeated
  // refuses … exit 1. The check covers about 20 prefs (accept-routes, ssh, exit-node, operator, shields-up,
  // advertise-routes, hostname, login-server, accept-dns, advertise-tags, …)"
  const STICKY: readonly (readonly [string, string])[] = [
    ["--accept-routes", "--accept-routes"],
    ["--ssh", "--ssh"],
    ["--exit-node=100.64.0.9", "--exit-node=100.64.0.9"],
    ["--operator=runner", "--operator=runner"],
    ["--shields-up", "--shields-up"],
    ["--advertise-routes=10.0.0.0/8", "--advertise-routes=10.0.0.0/8"],
    ["--hostname=pinned", "--hostname=pinned"],
    ["--accept-dns=false", "--accept-dns=false"],
    ["--advertise-tags=tag:ci", "--advertise-tags=tag:ci"],
  ];
  for (const [flag, suggested] of STICKY) {
    it(`refuses to silently revert ${flag}, exit 1, with the real multi-line text`, async () => {
      const key = reusableKey();
      const base = ["up", `--login-server=${fx.emulator.url}`, `--auth-key=${key}`];
      const first = await runStandin([...base, flag], env);
      assert.equal(first.code, 0, first.stderr);
      const second = await runStandin(base, env);
      assert.equal(second.code, 1);
      assert.ok(second.stderr.startsWith(`${ACCIDENTAL_REVERT_PREFIX} `), second.stderr);
      const suggestion = second.stderr.slice(ACCIDENTAL_REVERT_PREFIX.length).trim().split(" ");
      assert.ok(suggestion.includes(suggested), `suggests ${suggested}: ${second.stderr}`);
      assert.ok(suggestion.includes(`--login-server=${fx.emulator.url}`));
      const reset = await runStandin([...base, "--reset"], env);
      assert.equal(reset.code, 0, reset.stderr);
    });
  }

  it("refuses to revert --login-server to the default", async () => {
    const key = reusableKey();
    assert.equal(
      (await runStandin(["up", `--login-server=${fx.emulator.url}`, `--auth-key=${key}`], env)).code,
      0,
    );
    const second = await runStandin(["up", `--auth-key=${key}`], env);
    assert.equal(second.code, 1);
    assert.equal(second.stderr, `${ACCIDENTAL_REVERT_PREFIX} --login-server=${fx.emulator.url}\n`);
  });

  // "Every flag may be given only once since v1.84: a repeat fails with `invalid value … for flag -x: flag
  // provided multiple times`, exit 2."
  it("refuses a repeated flag from 1.84, exit 2; 1.82 takes the last", async () => {
    const twice = ["up", "--hostname=a", "--hostname=b"];
    const strict = await runStandin(twice, withVersion("1.84.0"));
    assert.equal(strict.code, 2);
    assert.match(strict.stderr, /^invalid value "b" for flag -hostname: flag provided multiple times\n/);
    const bool = await runStandin(["up", "--ssh", "--ssh"], withVersion("1.92.3"));
    assert.equal(bool.code, 2);
    assert.match(bool.stderr, /^invalid boolean flag ssh: flag provided multiple times\n/);
    const alias = await runStandin(["up", "--authkey=x", "--auth-key=y"], withVersion("1.92.3"));
    assert.equal(alias.code, 2, "the old spelling is the same flag");
    const old = await runStandin([...twice, "--timeout=1s"], withVersion("1.82.0"));
    assert.doesNotMatch(old.stderr, /multiple times/);
    assert.match(old.stderr, /To authenticate, visit:/u, "1.82 parses the repeat and goes on to log in");
  });

  // "`--hostname` must be a valid DNS label (`"bad-" is not a valid DNS label: must end with a letter or
  // number`)."
  it("refuses a hostname that is not a valid DNS label", async () => {
    const run = await runStandin(["up", "--hostname=bad-"], env);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '"bad-" is not a valid DNS label: must end with a letter or number\n');
    const underscore = await runStandin(["up", "--hostname=a_b"], env);
    assert.equal(underscore.stderr, `"a_b" is not a valid DNS label: contains invalid character "_"\n`);
  });

  // "No ID token: from v1.94 `federated identity requires either an ID token or an audience` when no
  // audience either (and when fetching a token for `--audience` fails, the cause is dropped …);
  // v1.90–v1.92 print `federated identity authkeys require --id-token`."
  it("words a missing ID token by version", async () => {
    const noToken = ["up", `--login-server=${fx.emulator.url}`, `--client-id=${fx.credential.clientId}`];
    const tags = "--advertise-tags=tag:ci";
    for (const version of ["1.90.4", "1.92.3"]) {
      const run = await runStandin([...noToken, tags], withVersion(version));
      assert.equal(run.stderr, "federated identity authkeys require --id-token\n", version);
      assert.equal(run.code, 1);
    }
    const v194 = await runStandin([...noToken, tags], withVersion("1.94.0"));
    assert.equal(v194.stderr, "federated identity requires either an ID token or an audience\n");
    const audience = await runStandin([...noToken, tags, "--audience=x"], withVersion("1.94.0"));
    assert.equal(audience.stderr, "federated identity authkeys require --id-token\n");
    assert.equal(fx.emulator.state.requestLog().length, 0);
  });

  // "No tags: `federated identity authkeys require --advertise-tags` — enforced only from v1.96; v1.90–v1.95
  // split an empty flag into `[""]` and send a key request with one empty tag."
  it("refuses missing tags before any call from 1.96; earlier sends a key request with one empty tag", async () => {
    const noTags = async (): Promise<string[]> => [
      "up",
      `--login-server=${fx.emulator.url}`,
      `--client-id=${fx.credential.clientId}?preauthorized=true`,
      `--id-token=${await fx.token()}`,
    ];
    const v196 = await runStandin(await noTags(), withVersion("1.96.0"));
    assert.equal(v196.stderr, "federated identity authkeys require --advertise-tags\n");
    assert.equal(fx.emulator.state.requestLog().length, 0);
    const v194 = await runStandin(await noTags(), withVersion("1.94.0"));
    assert.equal(v194.code, 1);
    const keyRequest = fx.emulator.state.requestLog().find((e) => e.path === "/api/v2/tailnet/-/keys");
    assert.ok(keyRequest, "1.94 goes as far as key creation");
    assert.match(keyRequest.body, /"tags":\[""\]/u);
    assert.match(v194.stderr, /^unexpected error while creating authkey: Status: 400, /u);
  });

  // "`--advertise-tags` … since v1.98 a `tag:` prefix is added to an item that has no `:` at all (`foo` →
  // `tag:foo`; `foo:bar` still fails with `tag: "foo:bar": tags must start with 'tag:'`)"
  it("keeps refusing foo:bar from 1.98 with the tag: prefix of the real text", async () => {
    const run = await runStandin(["up", "--advertise-tags=foo:bar"], withVersion("1.98.0"));
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `tag: "foo:bar": tags must start with 'tag:'\n`);
    const grammar = await runStandin(["up", "--advertise-tags=tag:1x"], withVersion("1.92.3"));
    assert.equal(grammar.stderr, `tag: "tag:1x": tag names must start with a letter, after 'tag:'\n`);
  });

  // "A non-200 answer to the node's register request is not printed: `up` waits until `--timeout`"; "On
  // expiry: `timeout waiting for Tailscale service to enter a Running state; check health with "tailscale
  // status"`"
  it("does not surface a non-200 registration answer: waits out --timeout, then the real text", async () => {
    fx.emulator.failNext(10_000, 500, "register");
    try {
      const run = await runStandin(await federated(["--hostname=unregistered", "--timeout=45s"]), env);
      assert.equal(run.code, 1);
      assert.equal(run.stderr, `${UP_TIMEOUT_TEXT}\n`);
      assert.ok(run.sleptMs >= 45_000, `waited ${run.sleptMs} ms`);
      assert.equal(
        fx.emulator.state.devices().some((d) => d.hostname === "unregistered"),
        false,
      );
    } finally {
      while (fx.emulator.state.takeFault("register") !== undefined);
    }
  });

  // "(only errors the control server returns inside its response surface at once as `backend error: …`)"
  it("surfaces a refusal inside the registration answer at once", async () => {
    const key = fx.emulator.createAuthKey({ tags: ["tag:ci"], preauthorized: true });
    const base = [
      "up",
      `--login-server=${fx.emulator.url}`,
      `--auth-key=${key.key}`,
      "--advertise-tags=tag:ci",
    ];
    assert.equal((await runStandin(base, env)).code, 0);
    const reused = await runStandin(base, { TESTKIT_TAILSCALE_STATE_DIR: `${stateDir}-2` });
    assert.equal(reused.code, 1);
    assert.equal(reused.stderr, `backend error: invalid key: API key ${key.id} not valid\n`);
    assert.equal(reused.sleptMs, 0);
  });

  // "Builds made without the identity-federation feature … accept the flags but skip federation: `up`
  // falls back to interactive login and waits until `--timeout`."
  it("a build without identity federation accepts the flags, makes no call and times out", async () => {
    const run = await runStandin(await federated(["--timeout=2m"]), {
      ...env,
      TESTKIT_TAILSCALE_OMIT_FEDERATION: "1",
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /To authenticate, visit:/u);
    assert.ok(run.stderr.endsWith(`${UP_TIMEOUT_TEXT}\n`), run.stderr);
    assert.equal(fx.emulator.state.requestLog().length, 0);
  });

  // "`tailscale logout` deletes the current profile (prefs included) …; logging out a node that is already
  // logged out succeeds."
  it("logout deletes the prefs with the profile; logging out twice succeeds", async () => {
    const key = reusableKey();
    const base = ["up", `--login-server=${fx.emulator.url}`, `--auth-key=${key}`];
    assert.equal((await runStandin([...base, "--ssh"], env)).code, 0);
    assert.equal((await runStandin(["logout"], env)).code, 0);
    assert.equal((await runStandin(["logout"], env)).code, 0);
    const fresh = await runStandin(["up", `--auth-key=${key}`, `--login-server=${fx.emulator.url}`], env);
    assert.equal(fresh.code, 0, `no revert check after logout: ${fresh.stderr}`);
  });

  // "v1.90.0–1.90.3 sent the whole `id?preauthorized=…` string as `client_id` … unstable 1.91.0–1.91.17 still
  // have the bug."
  it("sends the whole client ID on 1.90.3 and 1.91.17, the bare ID on 1.90.4 and 1.91.18", async () => {
    const sent = async (version: string): Promise<string | undefined> => {
      fx.emulator.state.clearRequestLog();
      await runStandin(await federated([`--hostname=v${version.replaceAll(".", "-")}`]), {
        TESTKIT_TAILSCALE_STATE_DIR: `${stateDir}-${version}`,
        TESTKIT_TAILSCALE_VERSION: version,
      });
      const exchange = fx.emulator.state.requestLog().find((e) => e.path === "/api/v2/oauth/token-exchange");
      return new URLSearchParams(exchange?.body ?? "").get("client_id") ?? undefined;
    };
    const whole = `${fx.credential.clientId}?preauthorized=true&ephemeral=true`;
    assert.equal(await sent("1.90.3"), whole);
    assert.equal(await sent("1.91.17"), whole);
    assert.equal(await sent("1.90.4"), fx.credential.clientId);
    assert.equal(await sent("1.91.18"), fx.credential.clientId);
  });

  // "`tailscale version` prints 3 to 6 lines: the short version (`1.90.4`) first; for an odd (unstable)
  // minor a `  track: unstable (dev); frequent updates and bugs are likely` line; then `  tailscale
  // commit: …`, `  long version: …`, `  other commit: …` (official builds only) and `  go version: …` (from
  // v1.98 with a ` (tailscale/go <rev>)` suffix)."
  it("prints the version lines of an official build, with the track line for odd minors", async () => {
    const lines = async (version: string): Promise<string[]> =>
      (await runStandin(["version"], { TESTKIT_TAILSCALE_VERSION: version })).stdout.split("\n");
    const stable = await lines("1.90.4");
    assert.deepEqual(
      stable.map((l) => l.replace(/: .*/u, ":")),
      ["1.90.4", "  tailscale commit:", "  long version:", "  other commit:", "  go version:", ""],
    );
    assert.match(stable[4] ?? "", /^ {2}go version: go1\.\d+\.\d+$/u);
    const unstable = await lines("1.91.5");
    assert.equal(unstable[0], "1.91.5");
    assert.equal(unstable[1], "  track: unstable (dev); frequent updates and bugs are likely");
    assert.equal(unstable.length, 7);
    const v198 = await lines("1.98.0");
    assert.match(v198.at(-2) ?? "", /^ {2}go version: go1\.\d+\.\d+ \(tailscale\/go [0-9a-f]+\)$/u);
  });

  // "`tailscale version --json` prints tab-indented fields (`majorMinorPatch`, `short`, `long`,
  // `unstableBranch`, `gitCommit`, …, `cap`)."
  it("prints version --json tab-indented, unstableBranch only on odd minors", async () => {
    const stable = (await runStandin(["version", "--json"], { TESTKIT_TAILSCALE_VERSION: "1.92.3" })).stdout;
    assert.match(
      stable,
      /^\{\n\t"majorMinorPatch": "1\.92\.3",\n\t"short": "1\.92\.3",\n\t"long": "1\.92\.3-t/u,
    );
    const parsed = JSON.parse(stable) as Record<string, unknown>;
    assert.equal("unstableBranch" in parsed, false);
    assert.equal(typeof parsed.cap, "number");
    assert.equal(typeof parsed.gitCommit, "string");
    const unstable = JSON.parse(
      (await runStandin(["version", "--json"], { TESTKIT_TAILSCALE_VERSION: "1.91.5" })).stdout,
    ) as Record<string, unknown>;
    assert.equal(unstable.unstableBranch, true);
  });

  // "Failure text: `unexpected error while creating authkey: Status: <code>, Message: "<message>"` from a
  // JSON `{"message": …}` body." A body that is not JSON carries no status code in the text (inferred:
  // the client fails while decoding it).
  it("reports a non-JSON 5xx from key creation without a status code", async () => {
    fx.emulator.failNext(1, 502, "auth-keys", "", { rawBody: "<html>502 Bad Gateway</html>" });
    const run = await runStandin(await federated(["--hostname=gateway"]), env);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      "unexpected error while creating authkey: invalid character '<' looking for beginning of value\n",
    );
  });

  // "network failures read `unexpected token exchange request error: Post "…": dial tcp …`"
  it("words a refused connection as Go does", async () => {
    const closed = "http://127.0.0.1:9";
    const run = await runStandin(
      [
        "up",
        `--login-server=${closed}`,
        `--client-id=${fx.credential.clientId}`,
        `--id-token=${await fx.token()}`,
        "--advertise-tags=tag:ci",
      ],
      env,
    );
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      `failed to exchange JWT for access token: unexpected token exchange request error: Post "${closed}/api/v2/oauth/token-exchange": dial tcp 127.0.0.1:9: connect: connection refused\n`,
    );
  });
});

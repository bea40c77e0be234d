import assert from "node:assert/strict";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { NSC_BIN, cliEnv, runNode, type RunResult } from "@nsc/testkit";
import { DEFAULT_KEY_CACHE_POLICY, TEST_DATABASES } from "@nsc/server/testing";
import { assertFailure, assertNoSecrets, readArgvLog, type Federation } from "./support/federation.js";
import { startProviderIssuer, type ProviderIssuer } from "./support/oidc-provider-issuer.js";
import { TAILSCALE_BIN_DIR, startProcessFederation } from "./support/process-federation.js";

const AUDIENCE = "https://nsc.example/workloads";

/** A workload process with no nsc secret: no token file, no login; its own stand-in `tailscale` state. */
function bareWorkload(): {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  nsc(...args: string[]): Promise<RunResult>;
  argvs(): string[][];
} {
  const dir = mkdtempSync(join(tmpdir(), "nsc-oidc-workload-"));
  const env = cliEnv({
    NSC_METADATA_DIR: join(dir, "no-metadata"),
    TESTKIT_TAILSCALE_STATE_DIR: join(dir, "tailscale-state"),
    TESTKIT_TAILSCALE_ARGV_LOG: join(dir, "tailscale-argv.log"),
    PATH: `${TAILSCALE_BIN_DIR}:${process.env.PATH ?? ""}`,
  });
  delete env.TESTKIT_TAILSCALE_VERSION;
  return {
    dir,
    env,
    nsc: (...args) => runNode(NSC_BIN, args, env),
    argvs: () => readArgvLog(join(dir, "tailscale-argv.log")),
  };
}

/**
 * An independent OIDC implementation as the external issuer: panva's oidc-provider issues RS256 JWT access
 * tokens with the client credentials grant over https with its own CA, which nsc-server (a real process)
 * trusts only through `--trust-ca-file`. A workload with nothing but that token joins the tailnet through
 * the emulator; the provider's key rotation does not break exchanges; a token for another audience is
 * refused by name.
 */
for (const database of TEST_DATABASES) {
  describe(`token exchange with oidc-provider as the issuer (nsc-server process on ${database.name})`, () => {
    let provider: ProviderIssuer;
    let federation: Federation;
    let firstFetchDone = 0;
    const outputs: RunResult[] = [];
    const keep = (result: RunResult): RunResult => {
      outputs.push(result);
      return result;
    };
    const exchangeArgs = (tokenFile: string, out: string): string[] => [
      "auth",
      "exchange-oidc-token",
      "--token-file",
      tokenFile,
      "--workspace",
      federation.workspaceId,
      "--endpoint",
      federation.server.url,
      "--out",
      out,
      "-o",
      "json",
    ];

    before(async () => {
      provider = await startProviderIssuer();
      const caFile = join(mkdtempSync(join(tmpdir(), "nsc-trust-ca-")), "issuer-ca.pem");
      writeFileSync(caFile, provider.caPem);
      federation = await startProcessFederation(database, ["--trust-ca-file", caFile]);
      const added = await federation.nsc(
        "auth",
        "trust-relationships",
        "add",
        "pool",
        "--issuer",
        provider.url,
        "--audience",
        AUDIENCE,
        "--subject-match",
        provider.clientId,
        "--kind",
        "generic",
        "--tailscale-spec",
        "corp",
      );
      assert.equal(added.code, 0, added.stderr);
    });
    after(async () => {
      await federation.close();
      await provider.close();
    });

    it("joins the tailnet with only the provider's access token, and the ID tokens name the source", async () => {
      const workload = bareWorkload();
      const tokenFile = join(workload.dir, "access-token");
      writeFileSync(tokenFile, await provider.token(AUDIENCE));
      const up = keep(
        await workload.nsc(
          "tailscale",
          "up",
          "--exchange",
          `file:${tokenFile}`,
          "--workspace",
          federation.workspaceId,
          "--endpoint",
          federation.server.url,
        ),
      );
      firstFetchDone = Date.now();
      assert.equal(up.code, 0, up.stderr);
      assert.match(
        up.stdout,
        /^Joined the tailnet as (\S+) with spec "corp" \(tags tag:namespace, tag:ci; MagicDNS on\) using federated identity\.\n$/u,
      );
      assert.match(
        (workload.argvs()[1] ?? []).slice(0, 4).join(" "),
        /^up --client-id=\S+ --id-token=file:\S+ --advertise-tags=tag:namespace,tag:ci$/u,
      );
      const hostname = /as (\S+) with/u.exec(up.stdout)?.[1] ?? "";
      assert.equal(federation.devicesNamed(hostname).length, 1, "the workload's device is in the tailnet");
      assert.equal(provider.jwksFetches(), 1, "the provider's JWKS was fetched once");

      // The same token again: the same instance, and its workload token issues ID tokens naming the source.
      const out = join(workload.dir, "nsc-token.json");
      const exchanged = keep(await workload.nsc(...exchangeArgs(tokenFile, out)));
      assert.equal(exchanged.code, 0, exchanged.stderr);
      const report = JSON.parse(exchanged.stdout) as { instance: { id: string; hostname: string } };
      assert.equal(report.instance.hostname, hostname);
      assert.equal(statSync(out).mode & 0o777, 0o600);
      const issued = await runNode(
        NSC_BIN,
        ["auth", "issue-id-token", "--audience", "sts.example", "-o", "json"],
        {
          ...workload.env,
          NSC_TOKEN_FILE: out,
        },
      );
      assert.equal(issued.code, 0, issued.stderr);
      const claims = decodeJwt((JSON.parse(issued.stdout) as { id_token: string }).id_token);
      assert.equal(claims.iss, federation.server.url);
      assert.equal(claims.sub, `${federation.workspaceId}/${report.instance.id}`);
      assert.deepEqual(
        [claims.source_issuer, claims.source_subject, claims.trust_relationship],
        [provider.url, provider.clientId, "pool"],
      );
      assert.equal(provider.jwksFetches(), 1, "a second exchange used the cached JWKS");
    });

    it("keeps exchanging across the provider's key rotation, refetching its JWKS once for the new kid", async () => {
      const workload = bareWorkload();
      const before = provider.activeKid();
      provider.rotate();
      const tokenFile = join(workload.dir, "access-token");
      const token = await provider.token(AUDIENCE);
      assert.equal(decodeProtectedHeader(token).kid, provider.activeKid());
      assert.notEqual(provider.activeKid(), before);
      writeFileSync(tokenFile, token);
      // A token with an unknown kid refetches the JWKS at most once per interval; wait it out from the
      // first fetch, which happened before the first exchange ended.
      const wait = firstFetchDone + DEFAULT_KEY_CACHE_POLICY.unknownKidRefetchMs + 500 - Date.now();
      if (wait > 0) await delay(wait);
      const fetchesBefore = provider.jwksFetches();
      const exchanged = keep(await workload.nsc(...exchangeArgs(tokenFile, join(workload.dir, "a.json"))));
      assert.equal(exchanged.code, 0, exchanged.stderr);
      assert.equal(provider.jwksFetches(), fetchesBefore + 1, "the unknown kid refetched the JWKS once");

      const again = join(workload.dir, "again-token");
      writeFileSync(again, await provider.token(AUDIENCE));
      const second = keep(await workload.nsc(...exchangeArgs(again, join(workload.dir, "b.json"))));
      assert.equal(second.code, 0, second.stderr);
      assert.notEqual(
        (JSON.parse(second.stdout) as { instance: { id: string } }).instance.id,
        (JSON.parse(exchanged.stdout) as { instance: { id: string } }).instance.id,
        "a different token is a different instance",
      );
      assert.equal(provider.jwksFetches(), fetchesBefore + 1, "the refetched JWKS is cached again");
    });

    it("refuses a token of the same provider for another audience, naming the audience it expects", async () => {
      const workload = bareWorkload();
      const tokenFile = join(workload.dir, "access-token");
      writeFileSync(tokenFile, await provider.token("https://other.example/api"));
      const out = join(workload.dir, "nsc-token.json");
      assertFailure(
        // Plain output: the refusal is one line on stderr ending with its code.
        keep(await workload.nsc(...exchangeArgs(tokenFile, out).slice(0, -2))),
        "exchange_audience_mismatch",
        `expects the audience "${AUDIENCE}"; the token's aud is "https://other.example/api"`,
      );
      assert.throws(() => statSync(out), "no token file is left behind on a refusal");
    });

    it("shows no token in any output or in the server log", () => {
      assert.ok(outputs.length >= 5);
      for (const result of outputs) assertNoSecrets(result.stdout, result.stderr);
      assertNoSecrets(federation.serverLog());
    });
  });
}

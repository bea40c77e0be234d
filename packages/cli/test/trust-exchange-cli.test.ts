import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DEFAULT_EXTERNAL_FETCH, TEST_DATABASES } from "@nsc/server/testing";
import { decodeJwt } from "jose";
import { runNsc, startExternalIssuer, type ExternalIssuer, type RunResult } from "@nsc/testkit";
import {
  readArgvLog,
  assertFailure,
  assertNoSecrets,
  startFederation,
  type Federation,
} from "./support/federation.js";

/** A workload with no nsc secret at all: no token file, no login; its own stand-in `tailscale` state. */
function bareWorkload(extra: NodeJS.ProcessEnv = {}): {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  nsc(...args: string[]): Promise<RunResult>;
  argvs(): string[][];
} {
  const dir = mkdtempSync(join(tmpdir(), "nsc-pod-"));
  const env: NodeJS.ProcessEnv = {
    NSC_CONFIG_DIR: join(dir, "config"),
    NSC_METADATA_DIR: join(dir, "no-metadata"),
    TESTKIT_TAILSCALE_STATE_DIR: join(dir, "tailscale-state"),
    TESTKIT_TAILSCALE_ARGV_LOG: join(dir, "tailscale-argv.log"),
    ...extra,
  };
  return {
    dir,
    env,
    nsc: (...args) => runNsc(args, { env, sleep: () => Promise.resolve() }),
    argvs: () => readArgvLog(join(dir, "tailscale-argv.log")),
  };
}

for (const database of TEST_DATABASES) {
  describe(`trust relationships and token exchange through nsc (nsc-server on ${database.name}, Tailscale emulator)`, () => {
    let federation: Federation;
    let k8s: ExternalIssuer;
    let github: ExternalIssuer;
    const outputs: RunResult[] = [];
    const keep = (result: RunResult): RunResult => {
      outputs.push(result);
      return result;
    };

    before(async () => {
      [k8s, github] = await Promise.all([
        startExternalIssuer({ https: true }),
        // GitHub's token endpoint is fetched by nsc itself, which trusts only public CAs: plain http on
        // loopback stands in for it (nsc-server allows http issuers on loopback only).
        startExternalIssuer({ jwksPath: "/.well-known/jwks" }),
      ]);
      federation = await startFederation(database, {
        externalFetch: { ...DEFAULT_EXTERNAL_FETCH, extraCaPem: k8s.caPem },
      });
      // Trust credentials that restrict by the source claims nsc adds to exchanged instances' ID tokens.
      const byNamespace = federation.emulator.createTrustCredential({
        issuer: federation.server.url,
        subject: `${federation.workspaceId}/*`,
        scopes: ["auth_keys"],
        tags: ["tag:k8s"],
        customClaimRules: { kubernetes_namespace: "arc-runners", instance_kind: "runner" },
      });
      const byRepository = federation.emulator.createTrustCredential({
        issuer: federation.server.url,
        subject: `${federation.workspaceId}/*`,
        scopes: ["auth_keys"],
        tags: ["tag:gha"],
        customClaimRules: { github_repository: "acme/*", github_runner_environment: "self-hosted" },
      });
      await federation.setSpec("k8s", byNamespace.clientId, ["tag:k8s"], true);
      await federation.setSpec("gha", byRepository.clientId, ["tag:gha"], false);
      for (const body of [
        {
          name: "arc",
          issuer: k8s.url,
          audience: "nsc",
          subject_match: "system:serviceaccount:arc-runners:*",
          claims: [{ claim: "kubernetes.io.namespace", pattern: "arc-runners" }],
          kind: "runner",
          tailscale_spec: "k8s",
        },
        {
          name: "gha",
          issuer: github.url,
          audience: "https://github.com/acme",
          subject_match: "repo:acme/*",
          claims: [{ claim: "runner_environment", pattern: "self-hosted" }],
          kind: "runner",
          tailscale_spec: "gha",
          allow_labels: ["self-hosted", "linux"],
        },
      ]) {
        const response = await fetch(`${federation.server.url}/v1/trust-relationships`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${federation.adminToken}`,
            "content-type": "application/json",
          },
          body: JSON.stringify(body),
        });
        assert.equal(response.status, 201, await response.text());
      }
    });
    after(async () => {
      await federation.close();
      await Promise.all([k8s.close(), github.close()]);
    });

    it("joins a runner pod with only its projected service-account token, and its ID tokens name the namespace", async () => {
      const pod = bareWorkload();
      const tokenFile = join(pod.dir, "var/run/secrets/nsc/token");
      mkdirSync(join(pod.dir, "var/run/secrets/nsc"), { recursive: true });
      writeFileSync(
        tokenFile,
        await k8s.kubernetesToken({ audience: "nsc", namespace: "arc-runners", serviceAccount: "runner" }),
      );
      const started = keep(
        await pod.nsc(
          "runner",
          "hook",
          "job-started",
          "--exchange",
          "kubernetes",
          "--token-file",
          tokenFile,
          "--workspace",
          federation.workspaceId,
          "--endpoint",
          federation.server.url,
        ),
      );
      assert.equal(started.code, 0, started.stderr);
      assert.match(
        started.stdout,
        /^Joined the tailnet as runner-\S+ with spec "k8s" \(tags tag:k8s; MagicDNS on\) using federated identity\.\n$/u,
      );
      const up = pod.argvs()[1] ?? [];
      assert.match(
        up.slice(0, 4).join(" "),
        /^up --client-id=\S+\?preauthorized=true&ephemeral=true --id-token=file:\S+ --advertise-tags=tag:k8s$/u,
      );
      const hostname = /as (runner-\S+) with/u.exec(started.stdout)?.[1] ?? "";
      const [device] = federation.devicesNamed(hostname);
      assert.ok(device !== undefined, "the pod's device is in the tailnet");
      assert.deepEqual([device.tags, device.ephemeral], [["tag:k8s"], true]);

      // The same token again: the same instance, not a second one.
      const out = join(pod.dir, "nsc/token.json");
      const exchanged = keep(
        await pod.nsc(
          "auth",
          "exchange-k8s-token",
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
        ),
      );
      assert.equal(exchanged.code, 0, exchanged.stderr);
      const report = JSON.parse(exchanged.stdout) as {
        instance: { id: string; hostname: string };
        token_file: string;
      };
      assert.equal(report.instance.hostname, hostname);
      assert.equal(statSync(out).mode & 0o777, 0o600);
      // Its output is the ID token itself, so it is not among the outputs checked for secrets.
      const issued = await runNsc(
        ["auth", "issue-id-token", "--audience", "sts.amazonaws.com", "-o", "json"],
        {
          env: { ...pod.env, NSC_TOKEN_FILE: out },
        },
      );
      assert.equal(issued.code, 0, issued.stderr);
      const claims = decodeJwt((JSON.parse(issued.stdout) as { id_token: string }).id_token);
      assert.equal(claims.sub, `${federation.workspaceId}/${report.instance.id}`);
      assert.deepEqual(
        [
          claims.kubernetes_namespace,
          claims.kubernetes_service_account,
          claims.source_issuer,
          claims.trust_relationship,
        ],
        ["arc-runners", "runner", k8s.url, "arc"],
      );
    });

    it("joins a GitHub Actions job with the job's own OIDC token, restricted by repository", async () => {
      const job = bareWorkload({
        ACTIONS_ID_TOKEN_REQUEST_URL: github.actionsTokenRequest.url,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: github.actionsTokenRequest.token,
        NSC_ENDPOINT: federation.server.url,
      });
      github.setActionsJob({ repository: "acme/app" });
      const up = keep(
        await job.nsc(
          "tailscale",
          "up",
          "--exchange",
          "github",
          "--audience",
          "https://github.com/acme",
          "--workspace",
          federation.workspaceId,
          "--label",
          "self-hosted",
        ),
      );
      assert.equal(up.code, 0, up.stderr);
      assert.match(up.stdout, /with spec "gha" \(tags tag:gha; MagicDNS off\)/u);
      assert.match((job.argvs()[1] ?? []).slice(0, 4).join(" "), /--advertise-tags=tag:gha$/u);

      github.setActionsJob({ repository: "acme/app", runnerEnvironment: "github-hosted" });
      const hosted = keep(
        await job.nsc(
          "tailscale",
          "up",
          "--exchange",
          "github",
          "--audience",
          "https://github.com/acme",
          "--workspace",
          federation.workspaceId,
        ),
      );
      assertFailure(hosted, "exchange_claim_mismatch", 'runner_environment="self-hosted" does not hold');
    });

    it("says plainly when a job has no OIDC token, and names the failed check of a refused one", async () => {
      const job = bareWorkload({ NSC_ENDPOINT: federation.server.url });
      const out = join(job.dir, "token.json");
      assertFailure(
        keep(
          await job.nsc(
            "auth",
            "exchange-github-token",
            "--audience",
            "x",
            "--workspace",
            federation.workspaceId,
            "--out",
            out,
          ),
        ),
        "external_token_unavailable",
        "permissions: id-token: write",
      );
      assertFailure(
        keep(
          await job.nsc(
            "tailscale",
            "up",
            "--exchange",
            "kubernetes",
            "--token-file",
            join(job.dir, "missing"),
            "--workspace",
            federation.workspaceId,
          ),
        ),
        "external_token_unavailable",
        "projected serviceAccountToken volume",
      );
      const wrong = join(job.dir, "wrong-aud");
      writeFileSync(
        wrong,
        await k8s.kubernetesToken({
          audience: "kubernetes",
          namespace: "arc-runners",
          serviceAccount: "runner",
        }),
      );
      assertFailure(
        keep(
          await job.nsc(
            "auth",
            "exchange-oidc-token",
            "--token-file",
            wrong,
            "--workspace",
            federation.workspaceId,
            "--out",
            out,
          ),
        ),
        "exchange_audience_mismatch",
        'expects the audience "nsc"; the token\'s aud is "kubernetes"',
      );
      assert.throws(() => statSync(out), "no token file is left behind on a refusal");
    });

    it("shows no token in any output or in the server log", () => {
      assert.ok(outputs.length >= 7);
      for (const result of outputs) assertNoSecrets(result.stdout, result.stderr);
      assertNoSecrets(federation.serverLog());
    });
  });
}

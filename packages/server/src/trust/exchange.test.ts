import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeJwt } from "jose";
import { startExternalIssuer, type ExternalIssuer } from "@nsc/testkit";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";
import { DEFAULT_EXTERNAL_FETCH } from "./fetch-external.js";

interface ErrorJson {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string };
}
interface Exchanged {
  readonly instance: {
    readonly id: string;
    readonly kind: string;
    readonly tailscale_spec: string;
    readonly runner_profile: string | null;
    readonly expires_at: string;
    readonly trust_relationship?: string;
  };
  readonly workload_token: string;
  readonly expires_at: string;
  readonly trust_relationship: string;
}

const EXCHANGE = "/v1/auth/exchange-oidc-token";

for (const database of TEST_DATABASES) {
  describe(`trust relationships and token exchange on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let ws: { id: string; adminToken: string };
    let other: { id: string; adminToken: string };
    let k8s: ExternalIssuer;
    let github: ExternalIssuer;
    let faulty: ExternalIssuer;
    let plain: ExternalIssuer;

    const errorOf = (json: unknown): ErrorJson["error"] => (json as ErrorJson).error;
    const exchange = (token: string, extra: Record<string, unknown> = {}, workspaceId = ws.id) =>
      t.call("POST", EXCHANGE, undefined, { workspace_id: workspaceId, token, ...extra });
    const refused = async (
      token: string,
      code: string,
      message: RegExp,
      extra: Record<string, unknown> = {},
      workspaceId = ws.id,
    ): Promise<void> => {
      const before = await instanceCount();
      const res = await exchange(token, extra, workspaceId);
      assert.equal(errorOf(res.json).code, code, JSON.stringify(res.json));
      assert.equal(res.status, code === "issuer_keys_unavailable" ? 502 : 403);
      assert.match(errorOf(res.json).message, message);
      for (const part of token.split(".").filter((p) => p.length > 16)) {
        assert.ok(!errorOf(res.json).message.includes(part), "the token is never echoed");
      }
      assert.equal(await instanceCount(), before, "nothing is written on a refusal");
    };
    const instanceCount = async (): Promise<number> =>
      Number(
        (
          await store.db
            .selectFrom("instances")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const addRelationship = (body: Record<string, unknown>, token = ws.adminToken) =>
      t.call("POST", "/v1/trust-relationships", token, body);
    const setSpec = async (admin: string, name: string, clientId: string): Promise<void> => {
      const version = ((await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string })
        .metadata_version;
      const res = await t.call("PUT", `/v1/integrations/tailscale/${name}`, admin, {
        metadata_version: version,
        spec: { oauth_client_id: clientId, tags: ["tag:ci"], enable_magic_dns: true },
      });
      assert.equal(res.status, 200, JSON.stringify(res.json));
    };
    const k8sToken = (over: Partial<Parameters<ExternalIssuer["kubernetesToken"]>[0]> = {}) =>
      k8s.kubernetesToken({ audience: "nsc", namespace: "arc-runners", serviceAccount: "runner", ...over });

    before(async () => {
      store = await openTestStore(database);
      const clockHolder: { now(): number } = { now: () => t.clock.now() };
      [k8s, github, faulty, plain] = await Promise.all([
        startExternalIssuer({ https: true, clock: clockHolder }),
        startExternalIssuer({ https: true, clock: clockHolder, jwksPath: "/.well-known/jwks" }),
        startExternalIssuer({ https: true, clock: clockHolder }),
        startExternalIssuer({ clock: clockHolder }),
      ]);
      const ca = [k8s, github, faulty].map((i) => i.caPem ?? "").join("\n");
      t = await createTestApp(store, {
        externalFetch: { ...DEFAULT_EXTERNAL_FETCH, timeoutMs: 1000, maxBytes: 256 * 1024, extraCaPem: ca },
      });
      ws = await t.workspace("acme");
      other = await t.workspace("other");
      await setSpec(ws.adminToken, "corp", "client-corp");
      await setSpec(ws.adminToken, "linux", "client-linux");
      await setSpec(other.adminToken, "corp", "client-other");
      for (const body of [
        {
          name: "arc",
          issuer: k8s.url,
          audience: "nsc",
          subject_match: "system:serviceaccount:arc-runners:*",
          claims: [{ claim: "kubernetes.io.namespace", pattern: "arc-runners" }],
          kind: "runner",
          tailscale_spec: "corp",
          instance_ttl_secs: 3600,
        },
        {
          name: "gha",
          issuer: github.url,
          audience: "https://github.com/acme",
          subject_match: "repo:acme/*",
          claims: [
            { claim: "repository", pattern: "acme/*" },
            { claim: "runner_environment", pattern: "self-hosted" },
          ],
          kind: "runner",
          allow_labels: ["namespace-profile-*", "self-hosted", "linux"],
        },
        {
          name: "faulty",
          issuer: faulty.url,
          audience: "nsc",
          subject_match: "x:*",
          claims: [{ claim: "team", pattern: "a" }],
          kind: "generic",
          tailscale_spec: "corp",
        },
      ]) {
        const res = await addRelationship(body);
        assert.equal(res.status, 201, JSON.stringify(res.json));
      }
    });
    after(async () => {
      await Promise.all([k8s.close(), github.close(), faulty.close(), plain.close()]);
      await store.close();
    });

    describe("managing relationships", () => {
      it("lists, reads, replaces and removes a relationship, each change audited", async () => {
        const add = await addRelationship({
          name: "temp",
          issuer: plain.url,
          audience: "nsc",
          subject_match: "a:*",
          kind: "generic",
          tailscale_spec: "corp",
        });
        assert.equal(add.status, 201, JSON.stringify(add.json));
        const list = (await t.call("GET", "/v1/trust-relationships", ws.adminToken)).json as {
          trust_relationships: { name: string; instance_ttl_secs: number }[];
        };
        assert.deepEqual(
          list.trust_relationships.map((r) => r.name),
          ["arc", "faulty", "gha", "temp"],
        );
        assert.equal(list.trust_relationships.find((r) => r.name === "temp")?.instance_ttl_secs, 3600);
        const put = await t.call("PUT", "/v1/trust-relationships/temp", ws.adminToken, {
          issuer: plain.url,
          audience: "nsc-2",
          subject_match: "b:*",
          kind: "devbox",
          tailscale_spec: "linux",
          instance_ttl_secs: 600,
        });
        assert.equal(put.status, 200, JSON.stringify(put.json));
        const got = (await t.call("GET", "/v1/trust-relationships/temp", ws.adminToken)).json as {
          trust_relationship: Record<string, unknown>;
        };
        assert.deepEqual(
          [
            got.trust_relationship.audience,
            got.trust_relationship.kind,
            got.trust_relationship.instance_ttl_secs,
          ],
          ["nsc-2", "devbox", 600],
        );
        assert.equal((await t.call("DELETE", "/v1/trust-relationships/temp", ws.adminToken)).status, 200);
        const gone = await t.call("GET", "/v1/trust-relationships/temp", ws.adminToken);
        assert.equal(errorOf(gone.json).code, "trust_relationship_not_found");
        const again = await t.call("DELETE", "/v1/trust-relationships/temp", ws.adminToken);
        assert.equal(again.status, 404);
        const audit = (await t.call("GET", "/v1/audit?action=trust_relationship", ws.adminToken)).json as {
          events: { action: string; object_id: string }[];
        };
        const temp = audit.events.filter((e) => e.object_id === "temp").map((e) => e.action);
        assert.deepEqual(temp, [
          "trust_relationship.removed",
          "trust_relationship.updated",
          "trust_relationship.added",
        ]);
      });

      it("keeps each workspace's relationships to itself", async () => {
        const list = (await t.call("GET", "/v1/trust-relationships", other.adminToken)).json as {
          trust_relationships: unknown[];
        };
        assert.deepEqual(list.trust_relationships, []);
        const res = await t.call("GET", "/v1/trust-relationships/arc", other.adminToken);
        assert.equal(res.status, 404);
      });

      it("refuses a duplicate name, a non-admin, and a missing spec", async () => {
        const base = {
          issuer: plain.url,
          audience: "nsc",
          subject_match: "a:*",
          kind: "generic",
          tailscale_spec: "corp",
        };
        const dup = await addRelationship({ ...base, name: "arc" });
        assert.deepEqual([dup.status, errorOf(dup.json).code], [409, "trust_relationship_exists"]);
        const member = (
          (await t.call("POST", "/v1/tokens", ws.adminToken, { name: "m", role: "member" })).json as {
            secret: string;
          }
        ).secret;
        const denied = await addRelationship({ ...base, name: "x" }, member);
        assert.equal(denied.status, 403);
        const missing = await addRelationship({ ...base, name: "x", tailscale_spec: "nope" });
        assert.deepEqual([missing.status, errorOf(missing.json).code], [404, "spec_not_found"]);
      });

      it("refuses issuers that are not https, or that point at link-local or metadata addresses", async () => {
        const cases: readonly [string, RegExp][] = [
          ["http://issuer.example.com", /use https/u],
          ["https://169.254.169.254", /link-local/u],
          ["https://169.254.170.2/v2", /link-local/u],
          ["https://[fe80::1]", /link-local/u],
          ["https://[::ffff:169.254.169.254]", /link-local/u],
          ["https://[fd00:ec2::254]", /metadata/u],
          ["https://metadata.google.internal", /metadata/u],
          ["https://0.0.0.0", /unspecified/u],
          ["https://issuer.example.com?x=1", /query/u],
          ["https://user:pw@issuer.example.com", /user name/u],
          ["ftp://issuer.example.com", /scheme/u],
        ];
        for (const [issuer, message] of cases) {
          const res = await addRelationship({
            name: "bad",
            issuer,
            audience: "nsc",
            subject_match: "a:*",
            kind: "generic",
            tailscale_spec: "corp",
          });
          assert.equal(
            errorOf(res.json).code,
            "invalid_issuer_url",
            `${issuer}: ${JSON.stringify(res.json)}`,
          );
          assert.equal(errorOf(res.json).field, "issuer");
          assert.match(errorOf(res.json).message, message, issuer);
        }
      });

      it("refuses rules that cannot be safe or cannot work", async () => {
        const base = {
          name: "bad",
          issuer: plain.url,
          audience: "nsc",
          subject_match: "a:*",
          kind: "generic",
          tailscale_spec: "corp",
        };
        const cases: readonly [Record<string, unknown>, string, string][] = [
          [{ subject_match: "*" }, "invalid_trust_relationship", "subject_match"],
          [{ claims: [{ claim: "aud", pattern: "x" }] }, "invalid_trust_relationship", "claims[0].claim"],
          [{ claims: [{ claim: "a..b", pattern: "x" }] }, "invalid_trust_relationship", "claims[0].claim"],
          [
            {
              claims: [
                { claim: "a", pattern: "x" },
                { claim: "a", pattern: "y" },
              ],
            },
            "invalid_trust_relationship",
            "claims[1].claim",
          ],
          [{ allow_labels: ["x"] }, "invalid_trust_relationship", "allow_labels"],
          [{ kind: "runner", tailscale_spec: null }, "invalid_trust_relationship", "tailscale_spec"],
          [{ instance_ttl_secs: 30 * 24 * 3600 }, "invalid_trust_relationship", "instance_ttl_secs"],
          [{ jwks: { keys: [{ ...k8s.publicJwks().keys[0], d: "secret" }] } }, "invalid_jwks", "jwks"],
          [{ jwks: { keys: [] } }, "invalid_jwks", "jwks"],
          [{ kind: "robot" }, "invalid_request", "kind"],
          [{ name: "Bad Name" }, "invalid_name", "name"],
        ];
        for (const [change, code, field] of cases) {
          const res = await addRelationship({ ...base, ...change });
          assert.equal(errorOf(res.json).code, code, JSON.stringify([change, res.json]));
          assert.equal(errorOf(res.json).field, field, JSON.stringify(res.json));
        }
      });
    });

    describe("exchanging a Kubernetes service-account token", () => {
      it("creates a runner instance whose workload token expires with it, and audits the exchange", async () => {
        const token = await k8sToken();
        const res = await exchange(token);
        assert.equal(res.status, 200, JSON.stringify(res.json));
        const body = res.json as Exchanged;
        assert.match(body.workload_token, /^nscw_[A-Za-z0-9_-]{43}$/u);
        assert.equal(body.instance.kind, "runner");
        assert.equal(body.instance.tailscale_spec, "corp");
        assert.equal(body.instance.trust_relationship, "arc");
        assert.equal(body.trust_relationship, "arc");
        assert.equal(Date.parse(body.expires_at), t.clock.now() + 3600_000);
        assert.equal(body.instance.expires_at, body.expires_at);

        const join = await t.call("POST", "/v1/workload/tailscale/join", body.workload_token, {});
        assert.equal(join.status, 200, JSON.stringify(join.json));
        const claims = decodeJwt((join.json as { id_token: string }).id_token);
        assert.equal(claims.sub, `${ws.id}/${body.instance.id}`);
        assert.equal(claims.aud, "api.tailscale.com/client-corp");
        assert.deepEqual(
          [
            claims.trust_relationship,
            claims.source_issuer,
            claims.source_subject,
            claims.kubernetes_namespace,
            claims.kubernetes_service_account,
          ],
          ["arc", k8s.url, "system:serviceaccount:arc-runners:runner", "arc-runners", "runner"],
        );
        assert.equal(claims.github_repository, undefined);

        const audit = (await t.call("GET", "/v1/audit?action=token.exchanged", ws.adminToken)).json as {
          events: { actor: string; object_id: string; detail: Record<string, unknown> }[];
        };
        const event = audit.events.find((e) => e.object_id === body.instance.id);
        assert.ok(event !== undefined);
        assert.equal(event.actor, "trust_relationship:arc");
        assert.equal(event.detail.issuer, k8s.url);
        assert.equal(event.detail.subject, "system:serviceaccount:arc-runners:runner");
        assert.equal(event.detail.jti, decodeJwt(token).jti);
        const all = JSON.stringify(audit);
        assert.ok(!all.includes(token) && !all.includes(body.workload_token), "no token in the audit log");

        t.clock.advance(3600_000);
        const late = await t.call("POST", "/v1/workload/tailscale/join", body.workload_token, {});
        assert.equal(errorOf(late.json).code, "workload_token_expired");
      });

      it("returns the same instance and workload token for the same token, never two, even at once", async () => {
        // Several rounds: a race between the requests' inserts shows only in some interleavings.
        let last: Exchanged | undefined;
        let token = "";
        for (let round = 0; round < 5; round++) {
          token = await k8sToken({ pod: `racing-${String(round)}` });
          const before = await instanceCount();
          const answers = await Promise.all(Array.from({ length: 6 }, () => exchange(token)));
          for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.json));
          const bodies = answers.map((a) => a.json as Exchanged);
          assert.equal(new Set(bodies.map((b) => b.instance.id)).size, 1);
          assert.equal(new Set(bodies.map((b) => b.workload_token)).size, 1);
          assert.equal(await instanceCount(), before + 1);
          last = bodies[0];
        }
        assert.ok(last !== undefined);
        assert.equal(
          (await t.call("DELETE", `/v1/instances/${last.instance.id}`, ws.adminToken)).status,
          200,
        );
        await refused(token, "exchange_token_used", /already exchanged for instance .* destroyed/u);
      });

      it("tells tokens without a jti apart by their hash", async () => {
        const a = await k8sToken({ legacy: true });
        const b = await k8sToken({ legacy: true, pod: "another" });
        const [ra, rb, ra2] = [await exchange(a), await exchange(b), await exchange(a)];
        const ids = [ra, rb, ra2].map((r) => (r.json as Exchanged).instance.id);
        assert.notEqual(ids[0], ids[1]);
        assert.equal(ids[0], ids[2]);
      });

      it("uses a JWKS given with the relationship instead of fetching one", async () => {
        const issuer = "https://kubernetes.default.svc.cluster.local";
        const res = await addRelationship({
          name: "private-cluster",
          issuer,
          jwks: k8s.publicJwks(),
          audience: "nsc-private",
          subject_match: "system:serviceaccount:ci:*",
          kind: "generic",
          tailscale_spec: "corp",
        });
        assert.equal(res.status, 201, JSON.stringify(res.json));
        const fetched = k8s.fetchCounts().jwks;
        const token = await k8s.sign({
          iss: issuer,
          aud: ["nsc-private"],
          sub: "system:serviceaccount:ci:builder",
        });
        const ok = await exchange(token);
        assert.equal(ok.status, 200, JSON.stringify(ok.json));
        assert.equal(k8s.fetchCounts().jwks, fetched);
        const forged = await faulty.sign({
          iss: issuer,
          aud: ["nsc-private"],
          sub: "system:serviceaccount:ci:builder",
        });
        await refused(forged, "exchange_signature_invalid", /kid/u);
      });

      it("keeps verifying across the issuer's key rotation, fetching the JWKS only when a kid is new", async () => {
        assert.equal((await exchange(await k8sToken())).status, 200);
        const warm = k8s.fetchCounts().jwks;
        for (let i = 0; i < 3; i += 1) assert.equal((await exchange(await k8sToken())).status, 200);
        assert.equal(k8s.fetchCounts().jwks, warm, "a warm cache fetches nothing");
        await k8s.rotate({ retireOld: true });
        t.clock.advance(10_000);
        const res = await exchange(await k8sToken());
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.equal(k8s.fetchCounts().jwks, warm + 1);
        // An unknown kid right after a refetch does not fetch again.
        const unknown = await k8s.sign(
          { aud: ["nsc"], sub: "system:serviceaccount:arc-runners:runner" },
          { kid: "not-a-key" },
        );
        await refused(unknown, "exchange_signature_invalid", /no RS256 key with kid "not-a-key"/u);
        assert.equal(k8s.fetchCounts().jwks, warm + 1);
      });
    });

    describe("exchanging a GitHub Actions token", () => {
      it("admits a job by repository and runner environment, with the spec from its labels", async () => {
        const token = await github.githubToken({
          audience: "https://github.com/acme",
          repository: "acme/app",
        });
        const res = await exchange(token, {
          labels: ["self-hosted", "linux", "namespace-profile-build;tailscale.spec=linux"],
        });
        assert.equal(res.status, 200, JSON.stringify(res.json));
        const body = res.json as Exchanged;
        assert.deepEqual(
          [body.instance.tailscale_spec, body.instance.runner_profile, body.trust_relationship],
          ["linux", "build", "gha"],
        );
        const idToken = await t.call("POST", "/v1/id-token", body.workload_token, {
          audience: "sts.amazonaws.com",
        });
        const claims = decodeJwt((idToken.json as { id_token: string }).id_token);
        assert.deepEqual(
          [
            claims.github_repository,
            claims.github_workflow_ref,
            claims.github_runner_environment,
            claims.source_subject,
          ],
          [
            "acme/app",
            "acme/app/.github/workflows/ci.yml@refs/heads/main",
            "self-hosted",
            "repo:acme/app:ref:refs/heads/main",
          ],
        );
        const discovery = (await t.call("GET", "/.well-known/openid-configuration")).json as {
          claims_supported: string[];
        };
        for (const claim of [
          "source_issuer",
          "source_subject",
          "kubernetes_namespace",
          "github_repository",
          "github_runner_environment",
        ]) {
          assert.ok(discovery.claims_supported.includes(claim), claim);
        }
      });

      it("refuses labels outside the allow-list, and labels that name no spec", async () => {
        const token = await github.githubToken({
          audience: "https://github.com/acme",
          repository: "acme/app",
        });
        await refused(
          token,
          "exchange_labels_rejected",
          /label "gpu-large" matches none of its allowed label patterns/u,
          {
            labels: ["self-hosted", "gpu-large"],
          },
        );
        await refused(token, "exchange_labels_rejected", /none names one/u, { labels: ["self-hosted"] });
        await refused(token, "exchange_labels_rejected", /none were given/u);
      });

      it("refuses a GitHub-hosted runner and another organisation's repository by the claim rules", async () => {
        const hosted = await github.githubToken({
          audience: "https://github.com/acme",
          repository: "acme/app",
          runnerEnvironment: "github-hosted",
        });
        await refused(
          hosted,
          "exchange_claim_mismatch",
          /runner_environment="self-hosted" does not hold: the token's runner_environment is "github-hosted"/u,
          {
            labels: ["self-hosted"],
          },
        );
        const foreign = await github.githubToken({
          audience: "https://github.com/acme",
          repository: "evil/app",
        });
        await refused(
          foreign,
          "exchange_subject_mismatch",
          /expects a subject matching "repo:acme\/\*"; the token's sub is "repo:evil\/app:ref:refs\/heads\/main"/u,
          {
            labels: ["self-hosted"],
          },
        );
      });
    });

    describe("bad input and attacks", () => {
      const sub = "system:serviceaccount:arc-runners:runner";
      const good = { aud: ["nsc"], sub, "kubernetes.io": { namespace: "arc-runners" } };

      it("refuses a wrong audience, naming the one expected", async () => {
        await refused(
          await k8sToken({ audience: "other" }),
          "exchange_audience_mismatch",
          /expects the audience "nsc"; the token's aud is "other"/u,
        );
      });

      it("refuses an expired token and one not yet valid", async () => {
        const now = Math.floor(t.clock.now() / 1000);
        await refused(
          await k8s.sign({ ...good, iat: now - 700, nbf: now - 700, exp: now - 1 }),
          "exchange_token_expired",
          /expired at/u,
        );
        await refused(await k8s.sign({ ...good, nbf: now + 600 }), "exchange_token_not_yet_valid", /nbf/u);
        await refused(await k8s.sign({ ...good, iat: now + 600 }), "exchange_token_not_yet_valid", /iat/u);
        const skewed = await exchange(await k8s.sign({ ...good, nbf: now + 30, iat: now + 30 }));
        assert.equal(skewed.status, 200, "a small clock skew is tolerated");
        await refused(
          await k8s.sign({ ...good, exp: now + 48 * 3600 }),
          "exchange_token_lifetime_too_long",
          /at most 24 h/u,
        );
        await refused(await k8s.sign({ ...good, exp: undefined }), "exchange_token_malformed", /no exp/u);
      });

      it("refuses a tampered payload, alg none, HS256 with the public key, and an unknown kid", async () => {
        const token = await k8sToken();
        const [h, , s] = token.split(".");
        const evil = Buffer.from(
          JSON.stringify({ ...decodeJwt(token), sub: "system:serviceaccount:arc-runners:admin" }),
        ).toString("base64url");
        await refused(`${h}.${evil}.${s}`, "exchange_signature_invalid", /does not verify/u);
        await refused(k8s.unsigned(good), "exchange_signature_invalid", /alg "none" is not accepted/u);
        await refused(
          await k8s.hmacWithPublicKey(good),
          "exchange_signature_invalid",
          /alg "HS256" is not accepted/u,
        );
        await refused(
          await faulty.sign({ ...good, iss: k8s.url }),
          "exchange_signature_invalid",
          /no RS256 key with kid/u,
        );
        await refused("not-a-jwt", "exchange_token_malformed", /three/u);
        await refused(await k8s.sign(good, { typ: "logout+jwt" }), "exchange_token_malformed", /typ/u);
      });

      it("refuses an issuer that matches no relationship, and a discovery document naming another issuer", async () => {
        await refused(
          await plain.sign(good),
          "exchange_issuer_untrusted",
          /no trust relationship for the issuer/u,
        );
        await refused(
          await k8s.sign({ ...good, iss: `${k8s.url}/` }),
          "exchange_issuer_untrusted",
          /exactly/u,
        );
        faulty.setDiscoveryIssuer("https://elsewhere.example.com");
        await refused(
          await faulty.sign({ aud: "nsc", sub: "x:1", team: "a" }),
          "issuer_keys_unavailable",
          /names the issuer "https:\/\/elsewhere.example.com"/u,
        );
        faulty.setDiscoveryIssuer(undefined);
      });

      it("refuses subject and claim rules that do not hold, naming the rule", async () => {
        await refused(
          await k8sToken({ serviceAccount: "x", namespace: "prod" }),
          "exchange_subject_mismatch",
          /system:serviceaccount:arc-runners:\*/u,
        );
        const wrongNs = await k8s.sign({ ...good, "kubernetes.io": { namespace: "prod" } });
        await refused(
          wrongNs,
          "exchange_claim_mismatch",
          /kubernetes\.io\.namespace="arc-runners" does not hold: the token's kubernetes\.io\.namespace is "prod"/u,
        );
        const noNs = await k8s.sign({ ...good, "kubernetes.io": undefined });
        await refused(noNs, "exchange_claim_mismatch", /is missing/u);
      });

      it("never lets a relationship of one workspace mint in another", async () => {
        await refused(await k8sToken(), "exchange_issuer_untrusted", /no trust relationship/u, {}, other.id);
        await refused(
          await k8sToken(),
          "exchange_issuer_untrusted",
          /no trust relationship/u,
          {},
          "ws-doesnotexist0000",
        );
        const list = (await t.call("GET", "/v1/instances", other.adminToken)).json as {
          instances: unknown[];
        };
        assert.deepEqual(list.instances, []);
      });

      it("refuses when the JWKS endpoint hangs, redirects to http, or answers 10 MB", async () => {
        const token = await faulty.sign({ aud: "nsc", sub: "x:1", team: "a" });
        faulty.setJwksFault({ kind: "hang" });
        await refused(token, "issuer_keys_unavailable", /no answer within 1000 ms/u);
        faulty.setJwksFault({ kind: "redirect", location: `${plain.url}/openid/v1/jwks` });
        await refused(token, "issuer_keys_unavailable", /redirects from https to http/u);
        faulty.setJwksFault({ kind: "huge", bytes: 10 * 1024 * 1024 });
        await refused(token, "issuer_keys_unavailable", /more than the 262144 bytes allowed/u);
        faulty.setJwksFault({ kind: "redirect", location: "https://169.254.169.254/keys" });
        await refused(token, "issuer_keys_unavailable", /link-local/u);
        faulty.setJwksFault(undefined);
        const ok = await exchange(token);
        assert.equal(ok.status, 200, JSON.stringify(ok.json));
      });

      it("refuses a malformed request body with the field named", async () => {
        const res = await t.call("POST", EXCHANGE, undefined, { workspace_id: ws.id, token: "x", extra: 1 });
        assert.deepEqual([res.status, errorOf(res.json).code], [400, "invalid_request"]);
        const long = await t.call("POST", EXCHANGE, undefined, {
          workspace_id: ws.id,
          token: "a".repeat(20_000),
        });
        assert.equal(errorOf(long.json).field, "token");
      });
    });
  });
}

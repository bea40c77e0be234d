import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";
import { openStore, type Store } from "../store/open-store.js";
import { KeyRing } from "../signing/key-ring.js";
import { keyEncryptionKeyFromBytes } from "../signing/key-encryption-key.js";
import type { SigningKeyState } from "../signing/rotation-plan.js";
import { listen } from "../test-support/listen.js";
import { TestClock } from "../test-support/test-clock.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES } from "../test-support/test-databases.js";

const HOUR = 3_600_000;
/** Short periods so a whole rotation fits in a test; the shape of the policy is the production one. */
const POLICY = {
  rotationPeriod: 4 * HOUR,
  maxTokenLifetime: HOUR,
  jwksCacheTime: HOUR,
  prepublishLead: 2 * HOUR,
};

interface Registered {
  instance: { id: string; subject: string; workspace_id: string };
  workload_token: string;
}
interface ErrorJson {
  error: { code: string; message: string };
}

for (const database of TEST_DATABASES) {
  for (const alg of ["RS256", "ES256"] as const) {
    describe(`federation (${alg}) on ${database.name}, verified like a relying party`, () => {
      let database_: { readonly url: string; drop(): Promise<void> };
      let store: Store;
      let t: TestApp;
      let server: { url: string; close(): Promise<void> };
      let admin: string;
      let workspaceId: string;

      before(async () => {
        database_ = await database.create();
        store = await openStore(database_.url);
        // The issuer is the real socket's URL, so discovery can be fetched from `iss` like Tailscale does.
        const holder: { app?: TestApp["app"] } = {};
        server = await listen((request) => holder.app?.fetch(request) ?? new Response(null, { status: 503 }));
        t = await createTestApp(store, { alg, policy: POLICY, issuer: server.url });
        holder.app = t.app;
        const ws = await t.workspace();
        admin = ws.adminToken;
        workspaceId = ws.id;
      });
      after(async () => {
        await server.close();
        await store.close();
        await database_.drop();
      });

      const register = async (body: unknown = { kind: "generic" }, token = admin): Promise<Registered> => {
        const res = await t.call("POST", "/v1/instances", token, body);
        assert.equal(res.status, 201, JSON.stringify(res.json));
        return res.json as Registered;
      };
      const issue = (workload: string, body: unknown) => t.call("POST", "/v1/id-token", workload, body);
      const now = (): Date => new Date(t.clock.now());
      const verifier = (options?: Parameters<typeof createRemoteJWKSet>[1]) =>
        createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks`), options);

      it("publishes discovery whose issuer is byte-equal to iss, and a JWKS with the signing key", async () => {
        const discovery = (await (
          await fetch(`${server.url}/.well-known/openid-configuration`)
        ).json()) as Record<string, unknown>;
        assert.equal(discovery.issuer, server.url);
        assert.equal(discovery.jwks_uri, `${server.url}/.well-known/jwks`);
        assert.deepEqual(discovery.id_token_signing_alg_values_supported, [alg]);
        assert.deepEqual(discovery.response_types_supported, ["id_token"]);
        assert.deepEqual(discovery.subject_types_supported, ["public"]);
        assert.ok((discovery.claims_supported as string[]).includes("tenant_id"));

        const jwks = await fetch(`${server.url}/.well-known/jwks`);
        assert.equal(jwks.headers.get("content-type"), "application/jwk-set+json");
        assert.match(jwks.headers.get("cache-control") ?? "", /max-age=\d+/u);
        const etag = jwks.headers.get("etag") ?? "";
        const body = (await jwks.json()) as { keys: Record<string, unknown>[] };
        assert.equal(body.keys.length, 1);
        for (const key of body.keys)
          for (const member of ["d", "p", "q", "dp", "dq", "qi"]) assert.equal(key[member], undefined);
        const again = await fetch(`${server.url}/.well-known/jwks`, { headers: { "if-none-match": etag } });
        assert.equal(again.status, 304);
      });

      it("issues a token an off-the-shelf verifier accepts, with the documented claims", async () => {
        const { instance, workload_token } = await register();
        const res = await issue(workload_token, { audience: "api.tailscale.com/k123" });
        assert.equal(res.status, 200);
        const { id_token, expires_at } = res.json as { id_token: string; expires_at: string };
        const { payload, protectedHeader } = await jwtVerify(id_token, verifier(), {
          issuer: server.url,
          audience: "api.tailscale.com/k123",
          algorithms: [alg],
          typ: "JWT",
          currentDate: now(),
        });
        assert.equal(protectedHeader.alg, alg);
        assert.equal(typeof protectedHeader.kid, "string");
        assert.equal(payload.sub, `${workspaceId}/${instance.id}`);
        assert.equal(payload.sub, instance.subject);
        assert.equal(payload.aud, "api.tailscale.com/k123");
        assert.equal(payload.tenant_id, workspaceId);
        assert.equal(payload.instance_id, instance.id);
        assert.equal(payload.instance_kind, "generic");
        assert.match(String(payload.jti), /^[A-Za-z0-9_-]{22}$/u);
        const iat = payload.iat ?? 0;
        assert.equal(iat, Math.floor(t.clock.now() / 1000));
        assert.ok((payload.nbf ?? iat) < iat, "nbf is backdated for clock skew");
        assert.equal(payload.exp, iat + 600, "default lifetime");
        assert.equal(new Date(expires_at).getTime(), (payload.exp ?? 0) * 1000);
      });

      it("honours a requested duration up to the maximum and refuses more", async () => {
        const { workload_token } = await register();
        const ok = await issue(workload_token, { audience: "sts.amazonaws.com", duration_secs: 3600 });
        assert.equal(ok.status, 200);
        const { payload } = await jwtVerify((ok.json as { id_token: string }).id_token, verifier(), {
          currentDate: now(),
        });
        assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 3600);
        const tooLong = await issue(workload_token, { audience: "sts.amazonaws.com", duration_secs: 3601 });
        assert.equal(tooLong.status, 400);
        assert.equal((tooLong.json as ErrorJson).error.code, "invalid_duration");
        assert.match((tooLong.json as ErrorJson).error.message, /3600/u);
      });

      it("requires and bounds the audience", async () => {
        const { workload_token } = await register();
        for (const body of [{}, { audience: "" }, { audience: "a".repeat(513) }, { audience: "has space" }]) {
          const res = await issue(workload_token, body);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.match((res.json as ErrorJson).error.code, /^(invalid_audience|invalid_request)$/u);
        }
      });

      it("rejects tampered payloads, other audiences and expired tokens at the verifier", async () => {
        const { workload_token } = await register();
        const token = ((await issue(workload_token, { audience: "aud-a" })).json as { id_token: string })
          .id_token;
        const [header, payload, signature] = token.split(".");
        const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as JWTPayload;
        const forged = Buffer.from(
          JSON.stringify({ ...claims, sub: `${workspaceId}/in-aaaaaaaaaaaaaaaa` }),
        ).toString("base64url");
        await assert.rejects(
          jwtVerify(`${header}.${forged}.${signature}`, verifier(), { currentDate: now() }),
          { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" },
        );
        await assert.rejects(jwtVerify(token, verifier(), { audience: "aud-b", currentDate: now() }), {
          code: "ERR_JWT_CLAIM_VALIDATION_FAILED",
        });
        await assert.rejects(
          jwtVerify(token, verifier(), { currentDate: new Date(t.clock.now() + 601_000) }),
          { code: "ERR_JWT_EXPIRED" },
        );
      });

      it("stops issuing for a destroyed instance and for an expired workload token", async () => {
        const { instance, workload_token } = await register({ kind: "generic", ttl_secs: 120 });
        assert.equal((await t.call("DELETE", `/v1/instances/${instance.id}`, admin)).status, 200);
        const revoked = await issue(workload_token, { audience: "x" });
        assert.equal(revoked.status, 401);
        assert.equal((revoked.json as ErrorJson).error.code, "unauthenticated");

        const short = await register({ kind: "generic", ttl_secs: 60 });
        t.clock.advance(61_000);
        const expired = await issue(short.workload_token, { audience: "x" });
        assert.equal(expired.status, 401);
        assert.equal((expired.json as ErrorJson).error.code, "workload_token_expired");
        assert.match((expired.json as ErrorJson).error.message, /^workload token expired/u);
      });

      it("keeps workspaces apart: instances, tokens and joins", async () => {
        const mine = await register();
        const other = await t.workspace("other");
        const theirs = await register({ kind: "generic" }, other.adminToken);
        assert.equal((await t.call("GET", `/v1/instances/${theirs.instance.id}`, admin)).status, 404);
        assert.equal((await t.call("DELETE", `/v1/instances/${theirs.instance.id}`, admin)).status, 404);
        const listed = (await t.call("GET", "/v1/instances", admin)).json as { instances: { id: string }[] };
        assert.equal(
          listed.instances.some((i) => i.id === theirs.instance.id),
          false,
        );
        const token = ((await issue(theirs.workload_token, { audience: "x" })).json as { id_token: string })
          .id_token;
        const { payload } = await jwtVerify(token, verifier(), { currentDate: now() });
        assert.equal(payload.tenant_id, other.id);
        assert.notEqual(payload.tenant_id, mine.instance.workspace_id);
        // A workload token is no API token, and an API token is no workload token.
        assert.equal((await t.call("GET", "/v1/integrations", mine.workload_token)).status, 403);
        assert.equal((await issue(admin, { audience: "x" })).status, 403);
      });

      it("refuses JWTs of any alg, including none and HS256, as bearer credentials everywhere", async () => {
        const { instance, workload_token } = await register();
        const valid = ((await issue(workload_token, { audience: "x" })).json as { id_token: string })
          .id_token;
        const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${valid.split(".")[1] ?? ""}.`;
        const hs = `${Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT", kid: decodeProtectedHeader(valid).kid })).toString("base64url")}.${valid.split(".")[1] ?? ""}.c2ln`;
        for (const credential of [valid, none, hs]) {
          assert.equal((await issue(credential, { audience: "x" })).status, 401);
          assert.equal((await t.call("POST", "/v1/workload/tailscale/join", credential, {})).status, 401);
          assert.equal((await t.call("GET", "/v1/integrations", credential)).status, 401);
          assert.equal((await t.call("GET", `/v1/instances/${instance.id}`, credential)).status, 401);
        }
        // And the verifier side: an alg-none or HS256 forgery of a real token never verifies.
        await assert.rejects(jwtVerify(none, verifier(), { currentDate: now() }));
        await assert.rejects(jwtVerify(hs, verifier(), { currentDate: now() }));
      });

      it("audits every issued token with jti, audience, subject and expiry, never the token", async () => {
        const { instance, workload_token } = await register();
        const token = ((await issue(workload_token, { audience: "vault" })).json as { id_token: string })
          .id_token;
        const { payload } = await jwtVerify(token, verifier(), { currentDate: now() });
        const audit = (await t.call("GET", "/v1/audit?action=id_token.issued&limit=5", admin)).json as {
          events: { object_id: string; actor: string; detail: Record<string, unknown> }[];
        };
        const event = audit.events.find((e) => e.detail.jti === payload.jti);
        assert.ok(event);
        assert.equal(event.object_id, instance.id);
        assert.equal(event.actor, `instance:${instance.id}`);
        assert.deepEqual(Object.keys(event.detail).sort(), ["audience", "expires_at", "jti", "subject"]);
        assert.equal(event.detail.subject, instance.subject);
        assert.equal(JSON.stringify(audit).includes(token.split(".")[2] ?? "-"), false);
      });

      it("rotates keys with no verification failure for a verifier that cached the JWKS", async () => {
        const { workload_token } = await register({ kind: "generic", ttl_secs: 7 * 24 * 3600 });
        // A verifier that fetches once and then never refetches within the test.
        const cached = verifier({ cooldownDuration: 365 * 24 * HOUR, cacheMaxAge: 365 * 24 * HOUR });
        const first = ((await issue(workload_token, { audience: "rp" })).json as { id_token: string })
          .id_token;
        const firstKid = decodeProtectedHeader(first).kid;

        // Shortly before the scheduled rotation the next key is published (but does not sign yet)...
        t.clock.advance(POLICY.rotationPeriod - POLICY.prepublishLead);
        await t.keyRing.maintain();
        assert.equal(t.keyRing.keys.filter((k) => k.state === "next").length, 1);
        const beforeSwitch = ((await issue(workload_token, { audience: "rp" })).json as { id_token: string })
          .id_token;
        assert.equal(
          decodeProtectedHeader(beforeSwitch).kid,
          firstKid,
          "a published next key does not sign yet",
        );
        await jwtVerify(beforeSwitch, cached, { currentDate: now() }); // the relying party caches the JWKS now

        // ...and at the rotation the next key signs; the cached JWKS already holds it.
        t.clock.advance(POLICY.prepublishLead);
        await t.keyRing.maintain();
        const after = ((await issue(workload_token, { audience: "rp" })).json as { id_token: string })
          .id_token;
        assert.notEqual(decodeProtectedHeader(after).kid, firstKid);
        await jwtVerify(after, cached, { currentDate: now() });
        // Tokens of the retired key still verify until they expire.
        const retiredStillPublished = (await (await fetch(`${server.url}/.well-known/jwks`)).json()) as {
          keys: { kid: string }[];
        };
        assert.ok(retiredStillPublished.keys.some((k) => k.kid === firstKid));

        // The retired key is unpublished only after max token lifetime + cache time.
        t.clock.advance(POLICY.maxTokenLifetime + POLICY.jwksCacheTime - 1000);
        await t.keyRing.maintain();
        assert.ok(t.keyRing.keys.some((k) => k.kid === firstKid));
        t.clock.advance(2000);
        await t.keyRing.maintain();
        assert.equal(
          t.keyRing.keys.some((k) => k.kid === firstKid),
          false,
        );
      });

      // Replicas are processes with their own connections to one PostgreSQL; a SQLite database belongs to
      // one process, so there is no race to lose there.
      it(
        "lets exactly one of several replicas rotate",
        { skip: database.name === "postgres" ? false : "replicas share only PostgreSQL" },
        async () => {
          // A fresh database, and each replica with its own store (its own connection pool), as separate
          // processes would have: without the rotation lock they would each create and promote keys.
          const fresh = await database.create();
          const first = await openStore(fresh.url); // migrates the database once
          const stores = [first, await openStore(fresh.url), await openStore(fresh.url)];
          const clock = new TestClock();
          const runtime = { ...t.runtime, clock };
          const count = async (state: SigningKeyState): Promise<number> =>
            (await first.db.selectFrom("signing_keys").select("kid").where("state", "=", state).execute())
              .length;
          try {
            // Three replicas start on an empty database at once: one creates the first key.
            const replicas = await Promise.all(
              stores.map((own) =>
                KeyRing.open({
                  store: own,
                  runtime,
                  kek: t.kek,
                  alg,
                  policy: POLICY,
                  refreshMs: 60_000,
                }),
              ),
            );
            await Promise.all(replicas.map((r) => r.maintain()));
            assert.deepEqual([await count("active"), await count("next")], [1, 0], "one first key");

            // The next key is due: one replica publishes it.
            clock.advance(POLICY.rotationPeriod - POLICY.prepublishLead);
            await Promise.all(replicas.map((r) => r.maintain()));
            assert.deepEqual([await count("active"), await count("next")], [1, 1], "one next key");

            // Its turn to sign: one replica promotes it and retires the first.
            clock.advance(POLICY.prepublishLead);
            await Promise.all(replicas.map((r) => r.maintain()));
            assert.deepEqual(
              [await count("active"), await count("retired")],
              [1, 1],
              "one promotion, one retirement",
            );
            assert.ok((await count("next")) <= 1);
          } finally {
            await Promise.all(stores.map((own) => own.close()));
            await fresh.drop();
          }
        },
      );

      it("stops when the key-encryption key does not open the stored keys", async () => {
        const wrong = keyEncryptionKeyFromBytes(randomBytes(32));
        await assert.rejects(
          KeyRing.open({
            store,
            runtime: t.runtime,
            kek: wrong,
            alg,
            policy: POLICY,
            refreshMs: 60_000,
          }),
          { code: "key_encryption_key_invalid" },
        );
        const rows = await store.db.selectFrom("signing_keys").select("kid").execute();
        assert.ok(rows.length >= 1, "no key was replaced");
      });
    });
  }
}

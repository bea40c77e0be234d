import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { buildIdTokenClaims, parseAudience, parseInstanceId, parseWorkspaceId } from "@nsc/core";
import type { Store } from "../store/open-store.js";
import { listen } from "../test-support/listen.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

const HOUR = 3_600_000;
const POLICY = {
  rotationPeriod: 4 * HOUR,
  maxTokenLifetime: HOUR,
  jwksCacheTime: HOUR,
  prepublishLead: 2 * HOUR,
};
/** Workload clients issuing at once, each sending its next request when the last is answered. */
const CLIENTS = 16;

for (const database of TEST_DATABASES) {
  describe(`key rotation during concurrent RS256 issuance on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let server: { url: string; close(): Promise<void> };
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      const holder: { app?: TestApp["app"] } = {};
      server = await listen((request) => holder.app?.fetch(request) ?? new Response(null, { status: 503 }));
      t = await createTestApp(store, { alg: "RS256", policy: POLICY, issuer: server.url });
      holder.app = t.app;
      admin = (await t.workspace()).adminToken;
    });
    after(async () => {
      await server.close();
      await store.close();
    });

    const activeKid = (): string | undefined => t.keyRing.keys.find((k) => k.state === "active")?.kid;

    it("never hands out a token signed with the key a rotation just replaced", async () => {
      const claims = buildIdTokenClaims({
        issuer: server.url,
        workspaceId: parseWorkspaceId("ws-abcdefghijklmnop"),
        instanceId: parseInstanceId("in-qrstuvwxyz234567"),
        instanceKind: "generic",
        audience: parseAudience("rp"),
        now: t.clock.now(),
        lifetimeSecs: 600,
        jti: "j",
      });
      t.clock.advance(POLICY.rotationPeriod - POLICY.prepublishLead);
      await t.keyRing.maintain(); // publishes the next key
      t.clock.advance(POLICY.prepublishLead);
      const before = activeKid();
      let promoted = false;
      const late: string[] = [];
      // Many signatures in flight on the thread pool while the rotation swaps the active key.
      const signing = Array.from({ length: 600 }, () =>
        t.keyRing.sign(claims).then((jwt) => {
          if (promoted) late.push(jwt);
          return jwt;
        }),
      );
      await t.keyRing.maintain();
      promoted = true;
      const after = activeKid();
      assert.notEqual(after, before, "the rotation promoted the next key");
      const all = await Promise.all(signing);
      assert.ok(late.length > 0, "some signatures were still in flight when the key changed");
      for (const jwt of late) assert.equal(decodeProtectedHeader(jwt).kid, after);
      assert.equal(all.length, 600);
    });

    it("loses no verification by a relying party that cached the JWKS", async () => {
      const workloads: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await t.call("POST", "/v1/instances", admin, {
          kind: "generic",
          ttl_secs: 7 * 24 * 3600,
        });
        assert.equal(res.status, 201, JSON.stringify(res.json));
        workloads.push((res.json as { workload_token: string }).workload_token);
      }
      const tokens: string[] = [];
      const failures: string[] = [];
      let stop = false;
      // The load pauses while the test verifies a round's tokens: the rotation is what must happen under
      // load, and tokens issued meanwhile would only be thrown away.
      let paused: Promise<void> | undefined;
      let resume = (): void => undefined;
      const client = async (c: number): Promise<void> => {
        while (!stop) {
          if (paused !== undefined) {
            await paused;
            continue;
          }
          const res = await fetch(`${server.url}/v1/id-token`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${workloads[c % workloads.length] ?? ""}`,
              "content-type": "application/json",
            },
            body: JSON.stringify({ audience: "rp" }),
          });
          const body = (await res.json()) as { id_token?: string };
          if (res.status === 200 && body.id_token !== undefined) tokens.push(body.id_token);
          else failures.push(`${res.status} ${JSON.stringify(body)}`);
        }
      };
      const issued = (n: number): Promise<void> =>
        new Promise((resolve) => {
          const target = tokens.length + n;
          const check = (): void => {
            if (tokens.length >= target || failures.length > 0) resolve();
            else setImmediate(check);
          };
          check();
        });
      const load = Array.from({ length: CLIENTS }, (_, c) => client(c));

      // A relying party that refreshes its JWKS once per rotation, between the publication of the next key
      // and its promotion (as a verifier honouring the cache time does), and never refetches on an unknown kid.
      const cached = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks`), {
        cooldownDuration: 365 * 24 * HOUR,
        cacheMaxAge: 365 * 24 * HOUR,
      });
      let verified = 0;
      for (let round = 0; round < 2; round++) {
        const from = tokens.length;
        await issued(25);
        t.clock.advance(POLICY.rotationPeriod - POLICY.prepublishLead);
        await t.keyRing.maintain(); // the next key is published under load
        await issued(25);
        await cached.reload();
        t.clock.advance(POLICY.prepublishLead);
        await t.keyRing.maintain(); // and promoted while requests keep arriving
        await issued(50);
        paused = new Promise((resolve) => (resume = resolve));
        const roundTokens = tokens.slice(from);
        const kids = new Set(roundTokens.map((jwt) => decodeProtectedHeader(jwt).kid));
        assert.equal(kids.size, 2, `round ${round}: tokens of the old and the new key were issued`);
        for (const jwt of roundTokens) {
          await jwtVerify(jwt, cached, { currentDate: new Date((decodeJwt(jwt).iat ?? 0) * 1000) });
          verified++;
        }
        paused = undefined;
        resume();
      }
      stop = true;
      await Promise.all(load);
      assert.deepEqual(failures, []);
      assert.ok(verified >= 200, `${verified} tokens verified`);
    });
  });
}

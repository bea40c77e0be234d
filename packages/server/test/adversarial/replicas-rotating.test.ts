import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildIdTokenClaims, parseAudience, type InstanceId, type WorkspaceId } from "@nsc/core";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { IssuerDocuments } from "../../src/issuer/issuer-documents.js";
import { parseIssuerUrl } from "../../src/issuer/issuer-url.js";
import { KeyRing } from "../../src/signing/key-ring.js";
import type { Store } from "../../src/store/open-store.js";
import { createTestApp, type TestApp } from "../../src/test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../../src/test-support/test-databases.js";

const HOUR = 3_600_000;
const POLICY = {
  rotationPeriod: 4 * HOUR,
  maxTokenLifetime: HOUR,
  jwksCacheTime: HOUR,
  prepublishLead: 2 * HOUR,
};
const ISSUER = "https://issuer.example.test";

for (const database of TEST_DATABASES) {
  void describe(`adversarial: three replicas rotating on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store, { policy: POLICY, issuer: ISSUER });
    });
    after(async () => store.close());

    void it("exactly one replica rotates each time, and every token any replica signed verifies", async () => {
      const replicas = await Promise.all(
        [0, 1, 2].map(() =>
          KeyRing.open({
            store,
            runtime: t.runtime,
            kek: t.kek,
            alg: "ES256",
            policy: POLICY,
            refreshMs: 60_000,
          }),
        ),
      );
      const signed: string[] = [];
      let failures = 0;
      for (let step = 0; step < 6; step++) {
        const before = (await store.db.selectFrom("signing_keys").select("kid").execute()).length;
        t.clock.advance(POLICY.rotationPeriod / 2);
        await Promise.all(replicas.map((r) => r.maintain()));
        const rows = await store.db.selectFrom("signing_keys").select(["kid", "state"]).execute();
        assert.equal(rows.filter((r) => r.state === "active").length, 1, `step ${step}`);
        assert.ok(rows.filter((r) => r.state === "next").length <= 1, `step ${step}`);
        assert.ok(
          rows.length <= before + 1,
          `step ${step}: one replica added a key (${before} → ${rows.length})`,
        );
        await Promise.all(replicas.map((r) => r.reload()));
        for (const [i, replica] of replicas.entries()) {
          const claims = buildIdTokenClaims({
            issuer: ISSUER,
            workspaceId: "ws-test" as WorkspaceId,
            instanceId: `in-${step}-${i}` as InstanceId,
            instanceKind: "generic",
            audience: parseAudience("sts.amazonaws.com"),
            now: t.clock.now(),
            lifetimeSecs: 600,
            jti: `${step}-${i}`,
          });
          signed.push(await replica.sign(claims));
        }
        // Every replica publishes a JWKS that verifies every token signed so far and still valid.
        for (const replica of replicas) {
          const jwks = new IssuerDocuments(parseIssuerUrl(ISSUER).issuer, replica).jwks;
          const keys = createLocalJWKSet(JSON.parse(jwks.body) as JSONWebKeySet);
          for (const token of signed.slice(-3)) {
            await jwtVerify(token, keys, { issuer: ISSUER, currentDate: new Date(t.clock.now()) }).catch(
              () => {
                failures++;
              },
            );
          }
        }
      }
      assert.equal(failures, 0);
      assert.equal(signed.length, 18);
    });
  });
}

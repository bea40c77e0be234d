import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import type { Store } from "../../src/store/open-store.js";
import { TEST_ISSUER, createTestApp, type TestApp } from "../../src/test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../../src/test-support/test-databases.js";
import { fcOptions } from "./seed.js";

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Variants of a genuine token an attacker can make without the private key. */
function forgeries(token: string, jwks: JSONWebKeySet): readonly { label: string; jwt: string }[] {
  const [headerPart = "", payloadPart = "", signature = ""] = token.split(".");
  const header = JSON.parse(Buffer.from(headerPart, "base64url").toString()) as Record<string, unknown>;
  const payload = JSON.parse(Buffer.from(payloadPart, "base64url").toString()) as Record<string, unknown>;
  const other = { ...payload, sub: `${String(payload.tenant_id)}/in-someoneelse`, tailscale_spec: "oldc" };
  const publicKey = JSON.stringify(jwks.keys[0]);
  const hs256 = (h: object, p: object): string => {
    const input = `${b64(h)}.${b64(p)}`;
    return `${input}.${createHmac("sha256", publicKey).update(input).digest("base64url")}`;
  };
  return [
    { label: "alg none", jwt: `${b64({ ...header, alg: "none" })}.${b64(other)}.` },
    { label: "alg none, no signature part", jwt: `${b64({ alg: "none", typ: "JWT" })}.${b64(other)}` },
    { label: "HS256 keyed with the public key", jwt: hs256({ ...header, alg: "HS256" }, other) },
    { label: "changed payload, old signature", jwt: `${headerPart}.${b64(other)}.${signature}` },
    { label: "unknown kid", jwt: `${b64({ ...header, kid: "nope" })}.${payloadPart}.${signature}` },
    { label: "embedded jwk", jwt: `${b64({ ...header, jwk: jwks.keys[0] })}.${b64(other)}.${signature}` },
    { label: "truncated signature", jwt: `${headerPart}.${payloadPart}.${signature.slice(0, -4)}` },
  ];
}

for (const database of TEST_DATABASES) {
  void describe(`adversarial: tokens, files and racing writers on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
    });
    after(async () => store.close());

    void it("no forged ID token verifies against the published keys or works as a credential", async () => {
      const registered = (await t.call("POST", "/v1/instances", admin, { kind: "generic" })).json as {
        workload_token: string;
      };
      const issued = (
        await t.call("POST", "/v1/id-token", registered.workload_token, { audience: "sts.amazonaws.com" })
      ).json as { id_token: string };
      const jwks = (await t.call("GET", "/.well-known/jwks")).json as JSONWebKeySet;
      const keys = createLocalJWKSet(jwks);
      const verify = (jwt: string) =>
        jwtVerify(jwt, keys, {
          issuer: TEST_ISSUER,
          audience: "sts.amazonaws.com",
          currentDate: new Date(t.clock.now()),
        });
      await verify(issued.id_token);
      for (const forged of forgeries(issued.id_token, jwks)) {
        await assert.rejects(verify(forged.jwt), forged.label);
        for (const path of ["/v1/workspace", "/v1/id-token"]) {
          const res =
            path === "/v1/workspace"
              ? await t.call("GET", path, forged.jwt)
              : await t.call("POST", path, forged.jwt, { audience: "x" });
          assert.equal(res.status, 401, `${forged.label} as a credential for ${path}`);
        }
      }
    });

    void it("no path variant reaches a file outside the console", async () => {
      const segment = fc.constantFrom(
        "..",
        "%2e%2e",
        "%2E%2E",
        "%252e%252e",
        ".%2e",
        "..%5c",
        "%5c..",
        "..\\",
        "%00",
        "etc",
        "passwd",
        "package.json",
        ".env",
        "assets",
        "index.html",
        "%2f",
        "//",
        "",
      );
      await fc.assert(
        fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 8 }), async (segments) => {
          const path = `/${segments.join("/")}`;
          const res = await t.app.request(path);
          const text = await res.text();
          assert.ok(!/root:.*:0:0:/u.test(text), `${path} served /etc/passwd`);
          assert.ok(!text.includes('"name": "@nsc/'), `${path} served a package.json`);
          assert.ok(!text.includes("NSC_KEY_ENCRYPTION_KEY="), `${path} served an env file`);
          assert.ok(res.status < 500, `${path} answered ${res.status}`);
        }),
        fcOptions(300),
      );
    });

    void it("of writers racing on one metadata_version, exactly one wins", async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 8 }), async (writers) => {
          const version = (
            (await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string }
          ).metadata_version;
          const results = await Promise.all(
            Array.from({ length: writers }, (_, i) =>
              t.call("PUT", `/v1/integrations/tailscale/race${i}`, admin, {
                metadata_version: version,
                spec: { oauth_client_id: `client-${i}`, tags: ["tag:race"], enable_magic_dns: false },
              }),
            ),
          );
          const statuses = results.map((r) => r.status).sort();
          assert.equal(statuses.filter((s) => s === 200).length, 1, statuses.join(","));
          assert.ok(
            statuses.every((s) => s === 200 || s === 409),
            statuses.join(","),
          );
          const after = (
            (await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string }
          ).metadata_version;
          assert.equal(Number(after), Number(version) + 1);
        }),
        fcOptions(10),
      );
    });
  });
}

import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { generateSigningKey } from "./generate-signing-key.js";
import { jwkThumbprint } from "./jwk-thumbprint.js";
import type { RsaModulusLength } from "./signing-alg.js";

void describe("generateSigningKey", () => {
  void it("makes a 2048-bit RS256 key by default, with kid = thumbprint", async () => {
    const key = await generateSigningKey({ alg: "RS256" });
    assert.equal(key.alg, "RS256");
    assert.equal(key.publicJwk.kty, "RSA");
    assert.deepEqual(Object.keys(key.publicJwk).sort(), ["alg", "e", "kid", "kty", "n", "use"]);
    assert.equal(key.publicJwk.alg, "RS256");
    assert.equal(key.publicJwk.use, "sig");
    assert.equal(key.kid, key.publicJwk.kid);
    assert.equal(key.kid, jwkThumbprint(key.publicJwk));
    assert.match(key.kid, /^[A-Za-z0-9_-]{43}$/u);
    assert.match(key.privateKeyPkcs8Pem, /^-----BEGIN PRIVATE KEY-----\n/u);
    const privateKey = createPrivateKey(key.privateKeyPkcs8Pem);
    assert.equal(privateKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.deepEqual(createPublicKey(privateKey).export({ format: "jwk" }), {
      kty: "RSA",
      n: key.publicJwk.n,
      e: "AQAB",
    });
  });

  void it("makes a P-256 ES256 key", async () => {
    const key = await generateSigningKey({ alg: "ES256" });
    assert.equal(key.publicJwk.kty, "EC");
    assert.deepEqual(Object.keys(key.publicJwk).sort(), ["alg", "crv", "kid", "kty", "use", "x", "y"]);
    assert.equal(createPrivateKey(key.privateKeyPkcs8Pem).asymmetricKeyDetails?.namedCurve, "prime256v1");
    assert.equal(key.kid, jwkThumbprint(key.publicJwk));
  });

  void it("honours a 3072-bit modulus and rejects sizes not on the list", async () => {
    const key = await generateSigningKey({ alg: "RS256", modulusLength: 3072 });
    assert.equal(createPrivateKey(key.privateKeyPkcs8Pem).asymmetricKeyDetails?.modulusLength, 3072);
    await assert.rejects(
      generateSigningKey({ alg: "RS256", modulusLength: 1024 as RsaModulusLength }),
      (error: unknown) => error instanceof NscError && error.code === "invalid_config",
    );
  });

  void it("makes a different key each time", async () => {
    const [a, b] = await Promise.all([
      generateSigningKey({ alg: "ES256" }),
      generateSigningKey({ alg: "ES256" }),
    ]);
    assert.notEqual(a.kid, b.kid);
  });
});

import assert from "node:assert/strict";
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import {
  buildIdTokenClaims,
  NscError,
  parseAudience,
  parseInstanceId,
  parseWorkspaceId,
  type IdTokenClaims,
} from "@nsc/core";
import { generateSigningKey } from "./generate-signing-key.js";
import { createIdTokenSigner } from "./id-token-signer.js";

const now = Date.now();
const claims: IdTokenClaims = buildIdTokenClaims({
  issuer: "https://nsc.example.com",
  workspaceId: parseWorkspaceId("ws-abcdefghijklmnop"),
  instanceId: parseInstanceId("in-qrstuvwxyz234567"),
  instanceKind: "runner",
  audience: parseAudience("api.tailscale.com/kXyz123CNTRL"),
  now,
  lifetimeSecs: 600,
  jti: "0123456789abcdef",
  runnerProfile: "linux-large",
});

void describe("createIdTokenSigner", () => {
  for (const alg of ["RS256", "ES256"] as const) {
    void it(`signs ${alg} tokens that jose verifies against the published JWK`, async () => {
      const key = await generateSigningKey({ alg });
      const signer = createIdTokenSigner({ kid: key.kid, alg, privateKey: key.privateKeyPkcs8Pem });
      const jwt = await signer.sign(claims);

      const headerJson = Buffer.from(jwt.split(".")[0] ?? "", "base64url").toString("utf8");
      assert.equal(headerJson, JSON.stringify({ alg, kid: key.kid, typ: "JWT" }));
      assert.deepEqual(decodeProtectedHeader(jwt), { alg, kid: key.kid, typ: "JWT" });

      const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
      const { payload, protectedHeader } = await jwtVerify(jwt, jwks, {
        issuer: "https://nsc.example.com",
        audience: "api.tailscale.com/kXyz123CNTRL",
        algorithms: [alg],
        typ: "JWT",
        currentDate: new Date(now),
      });
      assert.equal(protectedHeader.kid, key.kid);
      assert.deepEqual(payload, { ...claims });
    });
  }

  void it("writes ES256 signatures as 64-byte r||s, not DER", async () => {
    const key = await generateSigningKey({ alg: "ES256" });
    const signer = createIdTokenSigner({ kid: key.kid, alg: "ES256", privateKey: key.privateKeyPkcs8Pem });
    for (const jwt of [await signer.sign(claims), signer.signSync(claims)]) {
      assert.equal(Buffer.from(jwt.split(".")[2] ?? "", "base64url").length, 64);
    }
  });

  for (const alg of ["RS256", "ES256"] as const) {
    void it(`signs the same ${alg} token on the calling thread with signSync`, async () => {
      const key = await generateSigningKey({ alg });
      const signer = createIdTokenSigner({ kid: key.kid, alg, privateKey: key.privateKeyPkcs8Pem });
      const jwt = signer.signSync(claims);
      const { payload } = await jwtVerify(jwt, createLocalJWKSet({ keys: [key.publicJwk] }), {
        currentDate: new Date(now),
      });
      assert.deepEqual(payload, claims);
      if (alg === "RS256")
        assert.equal(jwt, await signer.sign(claims), "RS256 (PKCS#1 v1.5) is deterministic");
    });
  }

  void it("accepts a parsed KeyObject", async () => {
    const key = await generateSigningKey({ alg: "ES256" });
    const signer = createIdTokenSigner({
      kid: key.kid,
      alg: "ES256",
      privateKey: createPrivateKey(key.privateKeyPkcs8Pem),
    });
    const { payload } = await jwtVerify(
      await signer.sign(claims),
      createLocalJWKSet({ keys: [key.publicJwk] }),
      {
        currentDate: new Date(now),
      },
    );
    assert.equal(payload.sub, claims.sub);
  });

  void it("refuses keys that do not fit the algorithm", async () => {
    const rsa = await generateSigningKey({ alg: "RS256" });
    const ec = await generateSigningKey({ alg: "ES256" });
    const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey;
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    for (const [alg, privateKey] of [
      ["ES256", rsa.privateKeyPkcs8Pem],
      ["RS256", ec.privateKeyPkcs8Pem],
      ["ES256", p384],
      ["RS256", small],
      ["RS256", "not a key"],
    ] as const) {
      assert.throws(
        () => createIdTokenSigner({ kid: "k", alg, privateKey }),
        (error: unknown) => error instanceof NscError && error.code === "signing_key_unavailable",
      );
    }
  });
});

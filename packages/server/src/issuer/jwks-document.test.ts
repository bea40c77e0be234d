import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLocalJWKSet, jwtVerify } from "jose";
import {
  buildIdTokenClaims,
  parseAudience,
  parseInstanceId,
  parseWorkspaceId,
  type PublicJwk,
} from "@nsc/core";
import { generateSigningKey } from "../signing/generate-signing-key.js";
import { createIdTokenSigner } from "../signing/id-token-signer.js";
import { buildJwksDocument } from "./jwks-document.js";

const [a, b, c, d] = await Promise.all([
  generateSigningKey({ alg: "RS256" }),
  generateSigningKey({ alg: "ES256" }),
  generateSigningKey({ alg: "RS256" }),
  generateSigningKey({ alg: "ES256" }),
]);

void describe("buildJwksDocument", () => {
  void it("publishes active, next and retired keys: active first, then next, then retired newest first", () => {
    const doc = buildJwksDocument([
      { state: "retired", publicJwk: c.publicJwk, created_at: 1 },
      { state: "next", publicJwk: b.publicJwk, created_at: 3 },
      { state: "retired", publicJwk: d.publicJwk, created_at: 2 },
      { state: "active", publicJwk: a.publicJwk, created_at: 2 },
    ]);
    assert.deepEqual(
      doc.keys.map((key) => key.kid),
      [a.kid, b.kid, d.kid, c.kid],
    );
    assert.deepEqual(doc.keys[0], a.publicJwk);
  });

  void it("publishes only public members, even if a private one is passed by mistake", () => {
    const leaky = { ...b.publicJwk, d: "private-scalar" } as unknown as PublicJwk;
    const doc = buildJwksDocument([{ state: "active", publicJwk: leaky, created_at: 0 }]);
    assert.equal(JSON.stringify(doc).includes("private-scalar"), false);
    assert.deepEqual(doc.keys[0], b.publicJwk);
  });

  void it("is accepted by jose as a key set that verifies tokens of every published key", async () => {
    const doc = buildJwksDocument([
      { state: "active", publicJwk: a.publicJwk, created_at: 0 },
      { state: "retired", publicJwk: b.publicJwk, created_at: 0 },
    ]);
    const jwks = createLocalJWKSet({ keys: doc.keys.map((key) => ({ ...key })) });
    const now = Date.now();
    const claims = buildIdTokenClaims({
      issuer: "https://nsc.example.com",
      workspaceId: parseWorkspaceId("ws-abcdefghijklmnop"),
      instanceId: parseInstanceId("in-qrstuvwxyz234567"),
      instanceKind: "generic",
      audience: parseAudience("sts.amazonaws.com"),
      now,
      lifetimeSecs: 300,
      jti: "j",
    });
    for (const key of [a, b]) {
      const jwt = await createIdTokenSigner({
        kid: key.kid,
        alg: key.alg,
        privateKey: key.privateKeyPkcs8Pem,
      }).sign(claims);
      const { protectedHeader } = await jwtVerify(jwt, jwks, { currentDate: new Date(now) });
      assert.equal(protectedHeader.kid, key.kid);
    }
  });

  void it("gives an empty set when no key is stored", () => {
    assert.deepEqual(buildJwksDocument([]), { keys: [] });
  });
});

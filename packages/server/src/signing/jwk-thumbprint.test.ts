import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { calculateJwkThumbprint } from "jose";
import { generateSigningKey } from "./generate-signing-key.js";
import { jwkThumbprint } from "./jwk-thumbprint.js";

// RFC 7638 §3.1.
const RFC_7638_KEY = {
  kty: "RSA",
  n:
    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiF" +
    "V4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0" +
    "zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csF" +
    "Cur-kEgU8awapJzKnqDKgw",
  e: "AQAB",
} as const;

void describe("jwkThumbprint", () => {
  void it("matches the example of RFC 7638", () => {
    assert.equal(jwkThumbprint(RFC_7638_KEY), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  });

  void it("agrees with jose for generated RSA and EC keys", async () => {
    for (const alg of ["RS256", "ES256"] as const) {
      const key = await generateSigningKey({ alg });
      assert.equal(jwkThumbprint(key.publicJwk), await calculateJwkThumbprint(key.publicJwk, "sha256"));
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateSigningKey } from "../signing/generate-signing-key.js";
import type { PublishedKey } from "../signing/published-key.js";
import { IssuerDocuments } from "./issuer-documents.js";
import { parseIssuerUrl } from "./issuer-url.js";

const [first, second] = await Promise.all([
  generateSigningKey({ alg: "ES256" }),
  generateSigningKey({ alg: "RS256" }),
]);
const issuer = parseIssuerUrl("https://nsc.example.test").issuer;

void describe("IssuerDocuments", () => {
  void it("renders once per set of keys and again when the ring replaces the set", () => {
    const ring: { published: readonly PublishedKey[] } = {
      published: [{ state: "active", publicJwk: first.publicJwk, created_at: 1 }],
    };
    const documents = new IssuerDocuments(issuer, ring);
    const jwks = documents.jwks;
    assert.equal(documents.jwks, jwks, "the same keys give the same rendering");
    assert.deepEqual(
      (JSON.parse(jwks.body) as { keys: { kid: string }[] }).keys.map((key) => key.kid),
      [first.kid],
    );
    assert.deepEqual(
      (JSON.parse(documents.discovery.body) as { id_token_signing_alg_values_supported: string[] })
        .id_token_signing_alg_values_supported,
      ["ES256"],
    );

    ring.published = [
      { state: "active", publicJwk: second.publicJwk, created_at: 2 },
      { state: "retired", publicJwk: first.publicJwk, created_at: 1 },
    ];
    assert.notEqual(documents.jwks.etag, jwks.etag);
    assert.deepEqual(
      (JSON.parse(documents.jwks.body) as { keys: { kid: string }[] }).keys.map((key) => key.kid),
      [second.kid, first.kid],
    );
    assert.deepEqual(
      (JSON.parse(documents.discovery.body) as { id_token_signing_alg_values_supported: string[] })
        .id_token_signing_alg_values_supported,
      ["RS256", "ES256"],
    );
  });
});

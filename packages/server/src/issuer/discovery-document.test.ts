import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ID_TOKEN_CLAIM_NAMES } from "@nsc/core";
import { buildDiscoveryDocument } from "./discovery-document.js";
import { parseIssuerUrl } from "./issuer-url.js";

const { issuer } = parseIssuerUrl("https://nsc.example.com/");

void describe("buildDiscoveryDocument", () => {
  void it("builds the document with the canonical issuer and the JWKS URL", () => {
    assert.deepEqual(buildDiscoveryDocument(issuer, [{ alg: "RS256" }, { alg: "RS256" }]), {
      issuer: "https://nsc.example.com",
      jwks_uri: "https://nsc.example.com/.well-known/jwks",
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid"],
      claims_supported: [...ID_TOKEN_CLAIM_NAMES],
    });
  });

  void it("lists the algorithms of the published keys in a fixed order", () => {
    const doc = buildDiscoveryDocument(issuer, [{ alg: "ES256" }, { alg: "RS256" }]);
    assert.deepEqual(doc.id_token_signing_alg_values_supported, ["RS256", "ES256"]);
    assert.deepEqual(
      buildDiscoveryDocument(issuer, [{ alg: "ES256" }]).id_token_signing_alg_values_supported,
      ["ES256"],
    );
    assert.deepEqual(buildDiscoveryDocument(issuer, []).id_token_signing_alg_values_supported, ["RS256"]);
  });

  void it("advertises every claim a token can carry", () => {
    const claims = buildDiscoveryDocument(issuer, []).claims_supported;
    for (const name of [
      "iss",
      "sub",
      "aud",
      "exp",
      "tenant_id",
      "instance_id",
      "instance_kind",
      "runner_profile",
      "devbox_name",
    ]) {
      assert.ok(claims.includes(name), name);
    }
  });
});

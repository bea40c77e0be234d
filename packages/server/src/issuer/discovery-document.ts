import { ID_TOKEN_CLAIM_NAMES } from "@nsc/core";
import { SIGNING_ALGS, type SigningAlg } from "../signing/signing-alg.js";
import { JWKS_PATH, type IssuerUrl } from "./issuer-url.js";

/** The OpenID Connect discovery document served at `/.well-known/openid-configuration`. */
export interface DiscoveryDocument {
  readonly issuer: IssuerUrl;
  readonly jwks_uri: string;
  readonly response_types_supported: readonly ["id_token"];
  readonly subject_types_supported: readonly ["public"];
  readonly id_token_signing_alg_values_supported: readonly SigningAlg[];
  readonly scopes_supported: readonly ["openid"];
  readonly claims_supported: readonly string[];
}

/**
 * Builds the discovery document. `id_token_signing_alg_values_supported` lists the algorithms of the
 * published keys (in the order RS256, ES256), as the Kubernetes issuer does, so it never advertises
 * an algorithm no key uses; with no key published yet it says RS256, the default. `claims_supported`
 * is every claim an nsc ID token can carry.
 *
 * @example
 * buildDiscoveryDocument(parseIssuerUrl("https://nsc.example.com").issuer, publishedKeys)
 * // { issuer: "https://nsc.example.com", jwks_uri: "https://nsc.example.com/.well-known/jwks", … }
 */
export function buildDiscoveryDocument(
  issuer: IssuerUrl,
  publishedKeys: readonly { readonly alg: SigningAlg }[],
): DiscoveryDocument {
  const present = new Set(publishedKeys.map((key) => key.alg));
  const algs = SIGNING_ALGS.filter((alg) => present.has(alg));
  return {
    issuer,
    jwks_uri: issuer + JWKS_PATH,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: algs.length === 0 ? ["RS256"] : algs,
    scopes_supported: ["openid"],
    claims_supported: [...ID_TOKEN_CLAIM_NAMES],
  };
}

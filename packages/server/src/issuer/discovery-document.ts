import { ID_TOKEN_CLAIM_NAMES, type DiscoveryDocument } from "@nsc/core";
import { SIGNING_ALGS, type SigningAlg } from "../signing/signing-alg.js";
import { JWKS_PATH, type IssuerUrl } from "./issuer-url.js";

/**
 * Builds the discovery document. `id_token_signing_alg_values_supported` lists the algorithms of the
 * published keys (in the order RS256, ES256), as the Kubernetes issuer does, so it never advertises
 * an algorithm no key uses; with no key published yet it says RS256, the default. `claims_supported`
 * is every claim an nsc ID token can carry. The issuer must be the canonical {@link IssuerUrl}, byte-equal
 * to every token's `iss`; the document's type is core's, which says only that it is a string.
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

import * as z from "zod/mini";
import { named, type Wire } from "./wire.js";

/*
 * The two public documents of nsc's OIDC issuer, exactly as nsc publishes them. A verifier reading some
 * other issuer's JWK Set is more tolerant (optional `kid`, `alg` and `use`, other key types skipped):
 * that reader is `trust/parse-jwk-set.ts`, not these schemas.
 */

const rsaAlg = z.literal("RS256");
const ecAlg = z.literal("ES256");

/** What every published key has besides its key material: its thumbprint, its one algorithm, `use: "sig"`. */
function publishedMembers<A extends z.ZodMiniLiteral<string>>(alg: A) {
  return { kid: z.string(), alg, use: z.literal("sig") };
}

/** The public half of an RS256 signing key as published in the JWKS (RFC 7517, RFC 7518 §6.3). */
export const rsaPublicJwkSchema = named(
  z.strictObject({
    kty: z.literal("RSA"),
    n: z.string(),
    e: z.string(),
    ...publishedMembers(rsaAlg),
  }),
  "RsaPublicJwk",
);
export type RsaPublicJwk = Wire<typeof rsaPublicJwkSchema>;

/** The public half of an ES256 signing key as published in the JWKS (RFC 7517, RFC 7518 §6.2). */
export const ecPublicJwkSchema = named(
  z.strictObject({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    x: z.string(),
    y: z.string(),
    ...publishedMembers(ecAlg),
  }),
  "EcPublicJwk",
);
export type EcPublicJwk = Wire<typeof ecPublicJwkSchema>;

/** A published signing key; `kid` is its RFC 7638 thumbprint. */
export const publicJwkSchema = named(
  z.discriminatedUnion("kty", [rsaPublicJwkSchema, ecPublicJwkSchema]),
  "PublicJwk",
);
export type PublicJwk = Wire<typeof publicJwkSchema>;

/** `GET /.well-known/jwks`: every stored signing key (RFC 7517 §5). */
export const jwkSetSchema = named(z.strictObject({ keys: z.array(publicJwkSchema) }), "JwkSet");
export type JwkSet = Wire<typeof jwkSetSchema>;

/**
 * `GET /.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §3). The signing algorithms are
 * those of the published keys, so they come from the keys' own `alg` values.
 */
export const discoveryDocumentSchema = named(
  z.strictObject({
    issuer: z.string(),
    jwks_uri: z.string(),
    response_types_supported: z.tuple([z.literal("id_token")]),
    subject_types_supported: z.tuple([z.literal("public")]),
    id_token_signing_alg_values_supported: z.array(z.union([rsaAlg, ecAlg])),
    scopes_supported: z.tuple([z.literal("openid")]),
    claims_supported: z.array(z.string()),
  }),
  "DiscoveryDocument",
);
export type DiscoveryDocument = Wire<typeof discoveryDocumentSchema>;

/** The public half of an RS256 signing key as published in the JWKS (RFC 7517, RFC 7518 §6.3). */
export interface RsaPublicJwk {
  readonly kty: "RSA";
  readonly n: string;
  readonly e: string;
  readonly kid: string;
  readonly alg: "RS256";
  readonly use: "sig";
}

/** The public half of an ES256 signing key as published in the JWKS (RFC 7517, RFC 7518 §6.2). */
export interface EcPublicJwk {
  readonly kty: "EC";
  readonly crv: "P-256";
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: "ES256";
  readonly use: "sig";
}

/** A published signing key; `kid` is its RFC 7638 thumbprint. */
export type PublicJwk = RsaPublicJwk | EcPublicJwk;

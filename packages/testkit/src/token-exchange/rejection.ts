/** Why a token exchange was refused. The caller only ever sees 403 `{"message":"Unauthorized"}`. */
export type RejectionKind =
  | "unknown_client_id"
  | "malformed_jwt"
  | "alg_not_allowed"
  | "issuer_mismatch"
  | "discovery_failed"
  | "discovery_issuer_mismatch"
  | "jwks_failed"
  | "missing_kid"
  | "unknown_kid"
  | "bad_signature"
  | "lifetime_too_long"
  | "audience_mismatch"
  | "expired"
  | "not_yet_valid"
  | "subject_mismatch"
  | "custom_claim_mismatch";

/** One refused token exchange, kept by the emulator so tests can assert the real cause. */
export interface Rejection {
  /** RFC 3339. */
  readonly at: string;
  /** The `client_id` exactly as sent. */
  readonly clientId: string;
  readonly kind: RejectionKind;
  /** A human explanation, e.g. `sub "a/b" does not match pattern "c/*"`. */
  readonly detail: string;
}

import type { InstanceKind } from "@nsc/core/browser";
import type { TrustRelationship } from "../../../api/trust-relationships-api.js";

/** One claim rule row as typed: a dotted claim path and the pattern its value must match. */
export interface ClaimRow {
  readonly claim: string;
  readonly pattern: string;
}

/** What the trust relationship form holds while someone types. */
export interface TrustFormValues {
  readonly name: string;
  readonly issuer: string;
  readonly audience: string;
  readonly subjectMatch: string;
  readonly claims: readonly ClaimRow[];
  /** The issuer's JWK Set as JSON text; empty when nsc-server fetches it from the issuer. */
  readonly jwks: string;
  readonly kind: InstanceKind;
  /** Empty for none (a runner's spec is then chosen by the job's labels). */
  readonly tailscaleSpec: string;
  /** Runner label patterns, comma- or line-separated. */
  readonly allowLabels: string;
  /** Whole seconds as typed. */
  readonly ttlSecs: string;
}

/** An empty form for a new relationship: a runner living the server's default hour. */
export const EMPTY_TRUST_FORM: TrustFormValues = {
  name: "",
  issuer: "",
  audience: "",
  subjectMatch: "",
  claims: [{ claim: "", pattern: "" }],
  jwks: "",
  kind: "runner",
  tailscaleSpec: "",
  allowLabels: "",
  ttlSecs: "3600",
};

/** The form filled with an existing relationship. */
export function trustFormValues(relationship: TrustRelationship): TrustFormValues {
  return {
    name: relationship.name,
    issuer: relationship.issuer,
    audience: relationship.audience,
    subjectMatch: relationship.subject_match,
    claims:
      relationship.claims.length === 0
        ? [{ claim: "", pattern: "" }]
        : relationship.claims.map((rule) => ({ claim: rule.claim, pattern: rule.pattern })),
    jwks: relationship.jwks === null ? "" : JSON.stringify(relationship.jwks, null, 2),
    kind: relationship.kind,
    tailscaleSpec: relationship.tailscale_spec ?? "",
    allowLabels: relationship.allow_labels.join(", "),
    ttlSecs: String(relationship.instance_ttl_secs),
  };
}

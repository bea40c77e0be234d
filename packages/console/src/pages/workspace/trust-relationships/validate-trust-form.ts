import {
  NscError,
  parseTrustRelationshipName,
  parseTrustRelationshipSpec,
  type TrustRelationshipName,
  type TrustRelationshipSpec,
} from "@nsc/core/browser";
import type { TrustFormValues } from "./trust-form-values.js";

/** The form's fields an error can point at. */
export type TrustField =
  | "name"
  | "issuer"
  | "audience"
  | "subjectMatch"
  | "claims"
  | "jwks"
  | "kind"
  | "tailscaleSpec"
  | "allowLabels"
  | "ttlSecs";

/** The outcome of checking the form: what to send when it is valid, else core's first problem. */
export type TrustFormCheck =
  | { readonly ok: true; readonly name: TrustRelationshipName; readonly spec: TrustRelationshipSpec }
  | { readonly ok: false; readonly problem: NscError; readonly field: TrustField | undefined };

/** The request body's field names (core's `field`) mapped to the form's. */
const FIELD_OF_BODY: Readonly<Record<string, TrustField>> = {
  name: "name",
  issuer: "issuer",
  audience: "audience",
  subject_match: "subjectMatch",
  claims: "claims",
  jwks: "jwks",
  kind: "kind",
  tailscale_spec: "tailscaleSpec",
  allow_labels: "allowLabels",
  instance_ttl_secs: "ttlSecs",
};

/** The form field an error names (`claims[1].claim` is the claims field), if any. */
export function trustFieldOf(error: NscError): TrustField | undefined {
  const top = error.field?.split(/[.[]/u)[0];
  return top === undefined ? undefined : FIELD_OF_BODY[top];
}

/**
 * Builds the request body from the form and checks it with core's `parseTrustRelationshipName` and
 * `parseTrustRelationshipSpec` — the functions the server and `nsc auth trust-relationships` run — so the
 * console refuses exactly what they refuse, with the same words and codes, before sending anything. Only
 * the server can tell whether the issuer's host resolves, the spec exists or the name is taken.
 */
export function validateTrustForm(values: TrustFormValues, editing: boolean): TrustFormCheck {
  try {
    const name = parseTrustRelationshipName(editing ? values.name : values.name.trim());
    return { ok: true, name, spec: parseTrustRelationshipSpec(requestBody(values)) };
  } catch (error) {
    if (!(error instanceof NscError)) throw error;
    return { ok: false, problem: error, field: trustFieldOf(error) };
  }
}

function requestBody(values: TrustFormValues): Record<string, unknown> {
  const ttl = values.ttlSecs.trim();
  return {
    issuer: values.issuer.trim(),
    audience: values.audience.trim(),
    subject_match: values.subjectMatch.trim(),
    claims: values.claims
      .map((row) => ({ claim: row.claim.trim(), pattern: row.pattern.trim() }))
      .filter((row) => row.claim !== "" || row.pattern !== ""),
    jwks: parseJwksText(values.jwks),
    kind: values.kind,
    tailscale_spec: values.tailscaleSpec === "" ? null : values.tailscaleSpec,
    allow_labels: values.allowLabels
      .split(/[,\n]/u)
      .map((label) => label.trim())
      .filter((label) => label !== ""),
    // Left as typed when it is not a number, so core's schema names the field and the expected type.
    ...(ttl === "" ? {} : { instance_ttl_secs: /^-?\d+(\.\d+)?$/u.test(ttl) ? Number(ttl) : ttl }),
  };
}

function parseJwksText(text: string): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NscError(
      "invalid_jwks",
      "the JWKS is not JSON: paste the JWK Set as the issuer serves it (for Kubernetes: kubectl get --raw /openid/v1/jwks), or leave it empty to fetch it from the issuer",
      { field: "jwks" },
    );
  }
}

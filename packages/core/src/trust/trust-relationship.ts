import * as z from "zod/mini";
import { NscError } from "../errors/nsc-error.js";
import type { Brand } from "../ids/brand.js";
import { parseSpecName, type SpecName } from "../ids/spec-name.js";
import { INSTANCE_KINDS, type InstanceKind } from "../id-tokens/instance-kind.js";
import { parseWith } from "../schema/parse-with.js";
import { parseExternalIssuer } from "./parse-external-url.js";
import { parseJwkSet } from "./parse-jwk-set.js";

/** The name of a trust relationship within a workspace, e.g. `arc-runners`. */
export type TrustRelationshipName = Brand<string, "TrustRelationshipName">;

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/u;

/**
 * Parses a trust relationship's name: 1 to 63 lowercase letters, digits, `-` and `_`, starting with a
 * letter or digit.
 *
 * @throws NscError `invalid_name`.
 */
export function parseTrustRelationshipName(value: string, field = "name"): TrustRelationshipName {
  if (!NAME.test(value)) {
    throw new NscError(
      "invalid_name",
      `invalid trust relationship name ${JSON.stringify(value.slice(0, 80))}: use 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
      { field },
    );
  }
  return value as TrustRelationshipName;
}

/** Default lifetime of an instance made by a token exchange: 1 hour. */
export const DEFAULT_EXCHANGE_INSTANCE_TTL_SECS = 3600;
/** Longest lifetime of an instance made by a token exchange: 24 hours. */
export const MAX_EXCHANGE_INSTANCE_TTL_SECS = 24 * 3600;
/** Most claim rules and label patterns a relationship may have. */
export const MAX_CLAIM_RULES = 16;
export const MAX_LABEL_PATTERNS = 16;
/** Largest inline JWKS, as JSON text. */
export const MAX_INLINE_JWKS_BYTES = 64 * 1024;

/**
 * Claims a rule may not name: they are checked by the relationship's own fields (`iss` by the issuer,
 * `aud` by the audience, `sub` by the subject pattern) or by the verifier (`exp`, `nbf`, `iat`, `jti`).
 */
export const RESERVED_CLAIMS = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"] as const;

/** One claim rule: the claim at `claim` (a dotted path) must match `pattern` (`*` = any run). */
export interface ClaimRule {
  readonly claim: string;
  readonly pattern: string;
}

/** A trust relationship as stored and as the API shows it (without timestamps). */
export interface TrustRelationshipSpec {
  readonly issuer: string;
  readonly audience: string;
  readonly subject_match: string;
  readonly claims: readonly ClaimRule[];
  /** The issuer's JWK Set, when given instead of fetched (for issuers private to a cluster). */
  readonly jwks: Readonly<Record<string, unknown>> | null;
  readonly kind: InstanceKind;
  /** The spec an instance joins with; for runners, absent means "chosen by the job's labels". */
  readonly tailscale_spec: SpecName | null;
  /** Patterns every runner label given at exchange time must match one of; runners only. */
  readonly allow_labels: readonly string[];
  readonly instance_ttl_secs: number;
}

const pattern = z.string().check(z.minLength(1), z.maxLength(256));

/** Wire shape of a relationship's settings (`PUT /v1/trust-relationships/{name}`; POST adds `name`). */
export const trustRelationshipSpecSchema = z.strictObject({
  issuer: z.string().check(z.maxLength(600)),
  audience: z.string().check(z.minLength(1), z.maxLength(256)),
  subject_match: pattern,
  claims: z.exactOptional(
    z
      .array(z.strictObject({ claim: z.string().check(z.minLength(1), z.maxLength(128)), pattern }))
      .check(z.maxLength(MAX_CLAIM_RULES)),
  ),
  jwks: z.exactOptional(z.nullable(z.record(z.string(), z.unknown()))),
  kind: z.enum(INSTANCE_KINDS),
  tailscale_spec: z.exactOptional(z.nullable(z.string().check(z.maxLength(64)))),
  allow_labels: z.exactOptional(
    z
      .array(z.string().check(z.minLength(1), z.maxLength(256), z.maxLength(1024)))
      .check(z.maxLength(MAX_LABEL_PATTERNS)),
  ),
  instance_ttl_secs: z.exactOptional(z.number().check(z.int())),
});

/** Body of `POST /v1/trust-relationships`. */
export const createTrustRelationshipSchema = z.extend(trustRelationshipSpecSchema, {
  name: z.string().check(z.maxLength(64)),
});

const CLAIM_PATH = /^[A-Za-z0-9_$:/-]+(\.[A-Za-z0-9_$:/-]+)*$/u;

/**
 * Parses and validates a relationship's settings from untrusted input.
 *
 * Rules beyond the shape: the issuer is https (plain http only to loopback) and never a link-local or
 * metadata address; a subject pattern made only of `*` needs at least one claim rule (otherwise every
 * token of a shared issuer such as GitHub's would match); claim rules name a dotted claim path, not a
 * reserved claim, each at most once; `allow_labels` only for runners; a runner with neither a spec nor
 * label patterns can never join; the instance lifetime is 60 s to 24 h (default 1 h); an inline JWKS has
 * at least one RS256 or ES256 public key.
 *
 * @throws NscError naming the field: `invalid_request`, `invalid_issuer_url`, `invalid_trust_relationship`,
 * `invalid_jwks`, `invalid_name`.
 */
export function parseTrustRelationshipSpec(value: unknown): TrustRelationshipSpec {
  const raw = parseWith(trustRelationshipSpecSchema, value, "trust relationship");
  const issuer = parseExternalIssuer(raw.issuer).issuer;
  const invalid = (message: string, field: string): NscError =>
    new NscError("invalid_trust_relationship", message, { field });
  const claims = raw.claims ?? [];
  const seen = new Set<string>();
  for (const [index, rule] of claims.entries()) {
    if (!CLAIM_PATH.test(rule.claim)) {
      throw invalid(
        `claim rule ${JSON.stringify(rule.claim)}: a claim path is claim names joined by dots, such as repository or kubernetes.io.namespace`,
        `claims[${index}].claim`,
      );
    }
    if ((RESERVED_CLAIMS as readonly string[]).includes(rule.claim)) {
      throw invalid(
        `claim rule ${JSON.stringify(rule.claim)}: ${rule.claim} is checked by the relationship itself (issuer, audience, subject pattern or token lifetime); use those instead`,
        `claims[${index}].claim`,
      );
    }
    if (seen.has(rule.claim)) {
      throw invalid(`claim rule ${JSON.stringify(rule.claim)} is given twice`, `claims[${index}].claim`);
    }
    seen.add(rule.claim);
  }
  if (/^\*+$/u.test(raw.subject_match) && claims.length === 0) {
    throw invalid(
      `the subject pattern ${JSON.stringify(raw.subject_match)} matches every token of the issuer: narrow it (e.g. repo:acme/app:* or system:serviceaccount:ci:runner) or add a claim rule`,
      "subject_match",
    );
  }
  const labels = raw.allow_labels ?? [];
  if (labels.length > 0 && raw.kind !== "runner") {
    throw invalid("allow_labels applies to runners only: remove it or use kind runner", "allow_labels");
  }
  const spec =
    raw.tailscale_spec === undefined || raw.tailscale_spec === null
      ? null
      : parseSpecName(raw.tailscale_spec, "tailscale_spec");
  if (spec === null && labels.length === 0 && raw.kind === "runner") {
    throw invalid(
      "a runner relationship needs a Tailscale spec or label patterns (allow_labels) so the job's labels can name one",
      "tailscale_spec",
    );
  }
  if (spec === null && raw.kind !== "runner") {
    throw invalid(`a ${raw.kind} relationship needs a Tailscale spec (tailscale_spec)`, "tailscale_spec");
  }
  const ttl = raw.instance_ttl_secs ?? DEFAULT_EXCHANGE_INSTANCE_TTL_SECS;
  if (ttl < 60 || ttl > MAX_EXCHANGE_INSTANCE_TTL_SECS) {
    throw invalid(
      `instance_ttl_secs must be from 60 to ${MAX_EXCHANGE_INSTANCE_TTL_SECS} (24 h), not ${ttl}`,
      "instance_ttl_secs",
    );
  }
  const jwks = raw.jwks ?? null;
  if (jwks !== null) {
    if (JSON.stringify(jwks).length > MAX_INLINE_JWKS_BYTES) {
      throw new NscError("invalid_jwks", `the JWKS is larger than ${MAX_INLINE_JWKS_BYTES} bytes`, {
        field: "jwks",
      });
    }
    const keys = parseJwkSet(jwks, "the JWKS", "invalid_jwks", "jwks");
    if (keys.length === 0) {
      throw new NscError("invalid_jwks", "the JWKS has no RS256 or ES256 signing key", { field: "jwks" });
    }
  }
  return {
    issuer,
    audience: raw.audience,
    subject_match: raw.subject_match,
    claims: claims.map((rule) => ({ claim: rule.claim, pattern: rule.pattern })),
    jwks,
    kind: raw.kind,
    tailscale_spec: spec,
    allow_labels: labels,
    instance_ttl_secs: ttl,
  };
}

import { matchesPattern, readClaim, type ErrorCode } from "@nsc/core";
import type { TrustRelationship } from "./trust-relationships.js";

/** Why a verified token does not satisfy a relationship, or that it does. */
export type RelationshipMatch =
  { readonly ok: true } | { readonly ok: false; readonly code: ErrorCode; readonly reason: string };

function show(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
}

/**
 * Checks a verified token's audience, subject and claim rules, then the runner labels, against one
 * relationship; the first check that fails is named with what the relationship expects and what the
 * token carries (claim values, never the token).
 */
export function matchRelationship(
  relationship: TrustRelationship,
  payload: Readonly<Record<string, unknown>>,
  labels: readonly string[] | undefined,
): RelationshipMatch {
  const aud = payload.aud;
  const audiences =
    typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud.filter((a) => typeof a === "string") : [];
  if (!audiences.includes(relationship.audience)) {
    return {
      ok: false,
      code: "exchange_audience_mismatch",
      reason: `it expects the audience ${show(relationship.audience)}; the token's aud is ${audiences.length === 0 ? "missing" : audiences.map(show).join(", ")} (request the token with audience ${show(relationship.audience)})`,
    };
  }
  const sub = payload.sub;
  if (typeof sub !== "string" || !matchesPattern(relationship.subject_match, sub)) {
    return {
      ok: false,
      code: "exchange_subject_mismatch",
      reason: `it expects a subject matching ${show(relationship.subject_match)}; the token's sub is ${typeof sub === "string" ? show(sub) : "missing"}`,
    };
  }
  for (const rule of relationship.claims) {
    const value = readClaim(payload, rule.claim);
    const matched = value.kind === "scalar" && matchesPattern(rule.pattern, value.text);
    if (!matched) {
      const actual =
        value.kind === "scalar" ? show(value.text) : value.kind === "missing" ? "missing" : "not a string";
      return {
        ok: false,
        code: "exchange_claim_mismatch",
        reason: `its claim rule ${rule.claim}=${show(rule.pattern)} does not hold: the token's ${rule.claim} is ${actual}`,
      };
    }
  }
  if (labels !== undefined) {
    if (relationship.kind !== "runner" || relationship.allow_labels.length === 0) {
      return {
        ok: false,
        code: "exchange_labels_rejected",
        reason: "it takes no runner labels at exchange time (it has no allow_labels patterns)",
      };
    }
    for (const label of labels) {
      if (!relationship.allow_labels.some((p) => matchesPattern(p, label))) {
        return {
          ok: false,
          code: "exchange_labels_rejected",
          reason: `the label ${show(label)} matches none of its allowed label patterns ${relationship.allow_labels.map(show).join(", ")}`,
        };
      }
    }
  } else if (relationship.tailscale_spec === null) {
    return {
      ok: false,
      code: "exchange_labels_rejected",
      reason: "it picks the Tailscale spec from the job's runner labels, and none were given (pass --label)",
    };
  }
  return { ok: true };
}

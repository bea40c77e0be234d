import { ApiError } from "../emulator/api-error.js";
import { isRecord } from "../json/is-record.js";
import { checkTag } from "@nsc/core/tailscale/check-tag.js";
import { isAllowedIssuerUrl } from "../token-exchange/issuer-url-policy.js";
import type { TrustCredential } from "./trust-credential.js";

/** The fields a caller gives when creating a trust credential (the API's camelCase names). */
export interface TrustCredentialInput {
  readonly issuer: string;
  readonly subject: string;
  readonly audience?: string;
  readonly customClaimRules?: Readonly<Record<string, string>>;
  readonly scopes: readonly string[];
  readonly tags?: readonly string[];
  readonly description?: string;
}

const RESERVED_CLAIMS = new Set(["sub", "iss", "aud"]);

/**
 * Validates a `keyType: "federated"` request body and builds the credential. Throws {@link ApiError} 400 with
 * what is wrong.
 */
export function parseTrustCredentialRequest(
  body: unknown,
  settings: {
    readonly clientId: string;
    readonly created: string;
    readonly allowInsecureLoopbackIssuer: boolean;
  },
): TrustCredential {
  if (!isRecord(body)) throw new ApiError(400, "request body must be a JSON object");
  const issuer = body.issuer;
  if (typeof issuer !== "string" || !isAllowedIssuerUrl(issuer, settings.allowInsecureLoopbackIssuer)) {
    throw new ApiError(400, "issuer must be a public https URL");
  }
  const subject = body.subject;
  if (typeof subject !== "string" || subject === "") throw new ApiError(400, "subject is required");
  const audience = body.audience ?? `api.tailscale.com/${settings.clientId}`;
  if (typeof audience !== "string" || audience === "") throw new ApiError(400, "audience must be a string");
  const rules = body.customClaimRules ?? {};
  if (!isRecord(rules)) throw new ApiError(400, "customClaimRules must be an object");
  const customClaimRules: Record<string, string> = {};
  for (const [claim, pattern] of Object.entries(rules)) {
    if (RESERVED_CLAIMS.has(claim))
      throw new ApiError(400, `customClaimRules may not contain reserved claim "${claim}"`);
    if (typeof pattern !== "string") throw new ApiError(400, `customClaimRules.${claim} must be a string`);
    customClaimRules[claim] = pattern;
  }
  const scopes = stringList(body.scopes, "scopes");
  if (scopes.length === 0) throw new ApiError(400, "at least one scope is required");
  const tags = stringList(body.tags ?? [], "tags");
  for (const tag of tags) {
    const problem = checkTag(tag);
    if (problem !== undefined) throw new ApiError(400, `invalid tag "${tag}": ${problem}`);
  }
  if (scopes.some((scope) => scope.startsWith("auth_keys") || scope === "all") && tags.length === 0) {
    throw new ApiError(400, "tags are required for the auth_keys scope");
  }
  const description = body.description ?? "";
  if (typeof description !== "string") throw new ApiError(400, "description must be a string");
  return {
    clientId: settings.clientId,
    issuer,
    subject,
    audience,
    customClaimRules,
    scopes,
    tags,
    description,
    created: settings.created,
  };
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === "string")) {
    throw new ApiError(400, `${field} must be an array of strings`);
  }
  return value;
}

import type { JWK } from "jose";
import type { Clock } from "../clock/clock.js";
import { isRecord } from "../json/is-record.js";
import { isAllowedIssuerUrl } from "./issuer-url-policy.js";
import type { RejectionKind } from "./rejection.js";

/** The outcome of looking a signing key up for an issuer. */
export type KeyLookup =
  | { readonly kind: "found"; readonly jwk: JWK }
  | { readonly kind: "failed"; readonly reason: RejectionKind; readonly detail: string };

interface CachedIssuer {
  readonly fetchedAt: number;
  readonly keys: readonly JWK[];
}

/** Settings of an {@link IssuerKeyCache}. */
export interface IssuerKeyCacheOptions {
  readonly clock: Clock;
  /** How long discovery and JWKS are reused before being fetched again. */
  readonly ttlMs: number;
  readonly allowInsecureLoopback: boolean;
  /** Per-request timeout for discovery and JWKS fetches. */
  readonly timeoutMs?: number;
}

/**
 * Fetches an issuer's `/.well-known/openid-configuration` and `jwks_uri` and keeps the keys for a while.
 * A `kid` missing from the cached set triggers one refetch, so a rotated-in key is found at once.
 */
export class IssuerKeyCache {
  readonly #options: IssuerKeyCacheOptions;
  readonly #cache = new Map<string, CachedIssuer>();

  constructor(options: IssuerKeyCacheOptions) {
    this.#options = options;
  }

  /** Finds the key `kid` of `issuer`, fetching discovery and JWKS when the cache is stale or lacks it. */
  async find(issuer: string, kid: string): Promise<KeyLookup> {
    const cached = this.#cache.get(issuer);
    if (cached !== undefined && this.#options.clock.now() - cached.fetchedAt < this.#options.ttlMs) {
      const jwk = cached.keys.find((key) => key.kid === kid);
      if (jwk !== undefined) return { kind: "found", jwk };
    }
    const fetched = await this.#fetch(issuer);
    if (fetched.kind === "failed") return fetched;
    this.#cache.set(issuer, { fetchedAt: this.#options.clock.now(), keys: fetched.keys });
    const jwk = fetched.keys.find((key) => key.kid === kid);
    if (jwk === undefined) {
      return { kind: "failed", reason: "unknown_kid", detail: `kid "${kid}" is not in the issuer's JWKS` };
    }
    return { kind: "found", jwk };
  }

  /** Forgets everything cached. */
  clear(): void {
    this.#cache.clear();
  }

  async #fetch(
    issuer: string,
  ): Promise<
    | { readonly kind: "ok"; readonly keys: readonly JWK[] }
    | { readonly kind: "failed"; readonly reason: RejectionKind; readonly detail: string }
  > {
    const discoveryUrl = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    const discovery = await this.#getJson(discoveryUrl);
    if (discovery.kind === "failed") {
      return { kind: "failed", reason: "discovery_failed", detail: `${discoveryUrl}: ${discovery.detail}` };
    }
    const document = discovery.value;
    if (!isRecord(document)) {
      return { kind: "failed", reason: "discovery_failed", detail: `${discoveryUrl}: not a JSON object` };
    }
    if (document.issuer !== issuer) {
      return {
        kind: "failed",
        reason: "discovery_issuer_mismatch",
        detail: `discovery issuer ${JSON.stringify(document.issuer)} is not ${JSON.stringify(issuer)}`,
      };
    }
    const jwksUri = document.jwks_uri;
    if (typeof jwksUri !== "string" || !isAllowedIssuerUrl(jwksUri, this.#options.allowInsecureLoopback)) {
      return {
        kind: "failed",
        reason: "jwks_failed",
        detail: `jwks_uri ${JSON.stringify(jwksUri)} is not allowed`,
      };
    }
    const jwks = await this.#getJson(jwksUri);
    if (jwks.kind === "failed")
      return { kind: "failed", reason: "jwks_failed", detail: `${jwksUri}: ${jwks.detail}` };
    const keys = isRecord(jwks.value) ? jwks.value.keys : undefined;
    if (!Array.isArray(keys)) {
      return { kind: "failed", reason: "jwks_failed", detail: `${jwksUri}: no "keys" array` };
    }
    return { kind: "ok", keys: keys.filter(isRecord) };
  }

  async #getJson(
    url: string,
  ): Promise<
    { readonly kind: "ok"; readonly value: unknown } | { readonly kind: "failed"; readonly detail: string }
  > {
    try {
      const response = await fetch(url, {
        redirect: "error",
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5000),
      });
      if (response.status !== 200) return { kind: "failed", detail: `HTTP ${response.status}` };
      return { kind: "ok", value: await response.json() };
    } catch (error) {
      return { kind: "failed", detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

import { createPublicKey, type KeyObject } from "node:crypto";
import {
  NscError,
  checkFetchableUrl,
  parseExternalIssuer,
  parseJwkSet,
  type ExternalTokenAlg,
  type VerificationJwk,
} from "@nsc/core";
import type { Clock } from "../runtime/runtime.js";
import type { ExternalFetcher, ExternalResponse } from "./fetch-external.js";

/** How long fetched keys are kept, from the JWKS response's `Cache-Control`. */
export interface KeyCachePolicy {
  /** Used when the response names no `max-age`. */
  readonly defaultMs: number;
  /** Floor: also applied to `no-cache`/`no-store`, so an exchange never fetches per request. */
  readonly minMs: number;
  /** Ceiling on a long `max-age`, so a removed key stops verifying within it. */
  readonly maxMs: number;
  /** A token with an unknown `kid` refetches the JWKS at most once per this interval and issuer. */
  readonly unknownKidRefetchMs: number;
}

/** Defaults: 5 min without `max-age`, clamped to 30 s … 1 h; unknown-`kid` refetch at most every 5 s. */
export const DEFAULT_KEY_CACHE_POLICY: KeyCachePolicy = {
  defaultMs: 5 * 60_000,
  minMs: 30_000,
  maxMs: 3600_000,
  unknownKidRefetchMs: 5000,
};

/** A verification key ready for `crypto.verify`. */
export interface ResolvedKey {
  readonly key: KeyObject;
  readonly alg: ExternalTokenAlg;
}

interface CachedKeys {
  readonly keys: readonly VerificationJwk[];
  readonly fetchedAt: number;
  readonly expiresAt: number;
}

/**
 * The verification keys of external issuers: fetched through discovery (`issuer` must equal the
 * configured issuer exactly; `jwks_uri` must be https unless the issuer is a loopback http one, and never
 * a link-local or metadata address), cached per issuer by the JWKS's `Cache-Control` (see
 * {@link KeyCachePolicy}), and refetched early — at most once per few seconds — when a token names a
 * `kid` the cached set lacks, so an issuer's key rotation never breaks an exchange. Concurrent misses
 * share one fetch. Keys given inline with a relationship are used as they are, never fetched.
 */
export class IssuerKeys {
  readonly #fetch: ExternalFetcher;
  readonly #clock: Clock;
  readonly #policy: KeyCachePolicy;
  readonly #cache = new Map<string, CachedKeys>();
  readonly #inflight = new Map<string, Promise<CachedKeys>>();
  readonly #imported = new WeakMap<VerificationJwk, KeyObject>();
  #fetches = 0;

  constructor(fetch: ExternalFetcher, clock: Clock, policy: KeyCachePolicy = DEFAULT_KEY_CACHE_POLICY) {
    this.#fetch = fetch;
    this.#clock = clock;
    this.#policy = policy;
  }

  /** How many JWKS fetches were made (for the benchmark and tests). */
  get fetchCount(): number {
    return this.#fetches;
  }

  /**
   * The key that verifies a token with header `kid` and `alg`, from the inline JWKS when one is given,
   * else from the issuer's published JWKS.
   *
   * @throws NscError `exchange_signature_invalid` when no key has that `kid` and algorithm;
   * `issuer_keys_unavailable` when the issuer's documents cannot be fetched or used.
   */
  async resolve(
    issuer: string,
    inline: Readonly<Record<string, unknown>> | null,
    kid: string | undefined,
    alg: ExternalTokenAlg,
  ): Promise<ResolvedKey> {
    if (inline !== null) {
      const keys = parseJwkSet(inline, "the relationship's JWKS", "issuer_keys_unavailable");
      const found = pick(keys, kid, alg);
      if (found === undefined) throw noKey(issuer, kid, alg, "the JWKS given with the trust relationship");
      return { key: this.#import(found), alg };
    }
    const now = this.#clock.now();
    let cached = this.#cache.get(issuer);
    if (cached === undefined || cached.expiresAt <= now) cached = await this.#refresh(issuer);
    let found = pick(cached.keys, kid, alg);
    if (found === undefined && now - cached.fetchedAt >= this.#policy.unknownKidRefetchMs) {
      cached = await this.#refresh(issuer);
      found = pick(cached.keys, kid, alg);
    }
    if (found === undefined) throw noKey(issuer, kid, alg, "the issuer's JWKS");
    return { key: this.#import(found), alg };
  }

  #import(jwk: VerificationJwk): KeyObject {
    let key = this.#imported.get(jwk);
    if (key === undefined) {
      key = createPublicKey({ key: { ...jwk.jwk }, format: "jwk" });
      this.#imported.set(jwk, key);
    }
    return key;
  }

  #refresh(issuer: string): Promise<CachedKeys> {
    let pending = this.#inflight.get(issuer);
    if (pending === undefined) {
      pending = this.#load(issuer).finally(() => this.#inflight.delete(issuer));
      this.#inflight.set(issuer, pending);
    }
    return pending;
  }

  async #load(issuer: string): Promise<CachedKeys> {
    const parsed = parseExternalIssuer(issuer);
    const discovery = jsonOf(await this.#fetch(parsed.discoveryUrl), parsed.discoveryUrl);
    if (discovery.issuer !== issuer) {
      throw new NscError(
        "issuer_keys_unavailable",
        `the discovery document at ${parsed.discoveryUrl} names the issuer ${JSON.stringify(discovery.issuer)}, not ${JSON.stringify(issuer)}: the trust relationship's issuer must be exactly the issuer's own`,
      );
    }
    const jwksUri = discovery.jwks_uri;
    if (typeof jwksUri !== "string") {
      throw new NscError(
        "issuer_keys_unavailable",
        `the discovery document at ${parsed.discoveryUrl} has no jwks_uri`,
      );
    }
    try {
      const target = checkFetchableUrl(jwksUri, "jwks_uri", "jwks_uri");
      if (issuer.startsWith("https:") && target.protocol !== "https:") {
        throw new Error(`it is not https`);
      }
    } catch (error) {
      throw new NscError(
        "issuer_keys_unavailable",
        `the jwks_uri ${JSON.stringify(jwksUri.slice(0, 200))} of ${issuer} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.#fetches += 1;
    const response = await this.#fetch(jwksUri);
    const keys = parseJwkSet(jsonOf(response, jwksUri), `the JWKS at ${jwksUri}`, "issuer_keys_unavailable");
    const now = this.#clock.now();
    const entry = { keys, fetchedAt: now, expiresAt: now + this.#lifetime(response) };
    this.#cache.set(issuer, entry);
    return entry;
  }

  #lifetime(response: ExternalResponse): number {
    const header = (response.headers["cache-control"] ?? "").toLowerCase();
    const maxAge = /(?:^|[,\s])max-age=(\d{1,10})/u.exec(header);
    const wanted = /no-store|no-cache/u.test(header)
      ? 0
      : maxAge?.[1] === undefined
        ? this.#policy.defaultMs
        : Number(maxAge[1]) * 1000;
    return Math.min(this.#policy.maxMs, Math.max(this.#policy.minMs, wanted));
  }
}

function pick(
  keys: readonly VerificationJwk[],
  kid: string | undefined,
  alg: ExternalTokenAlg,
): VerificationJwk | undefined {
  if (kid !== undefined) return keys.find((key) => key.kid === kid && key.alg === alg);
  const candidates = keys.filter((key) => key.alg === alg);
  return candidates.length === 1 ? candidates[0] : undefined;
}

function noKey(issuer: string, kid: string | undefined, alg: string, where: string): NscError {
  return new NscError(
    "exchange_signature_invalid",
    kid === undefined
      ? `the token from ${issuer} names no kid, and ${where} does not hold exactly one ${alg} key`
      : `no ${alg} key with kid ${JSON.stringify(kid.slice(0, 100))} in ${where} of ${issuer}: the token was not signed by this issuer's published keys`,
  );
}

function jsonOf(response: ExternalResponse, url: string): Record<string, unknown> {
  if (response.status !== 200) {
    throw new NscError("issuer_keys_unavailable", `cannot fetch ${url}: it answered HTTP ${response.status}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    throw new NscError("issuer_keys_unavailable", `cannot use ${url}: the answer is not JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new NscError("issuer_keys_unavailable", `cannot use ${url}: the answer is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

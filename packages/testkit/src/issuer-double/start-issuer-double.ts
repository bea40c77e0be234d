import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from "jose";
import { systemClock, type Clock } from "../clock/clock.js";
import { sendJson } from "../emulator/send-json.js";

/** Algorithms the issuer double can sign with. */
export type IssuerAlgorithm = "RS256" | "ES256" | "ES384";

/** Settings of {@link startIssuerDouble}. */
export interface IssuerDoubleOptions {
  /** Listen address; default `127.0.0.1`. */
  readonly host?: string;
  /** Algorithm of the first key; default RS256. */
  readonly alg?: IssuerAlgorithm;
  /** Default the wall clock; used for `iat`/`nbf`/`exp` defaults. */
  readonly clock?: Clock;
}

/** How {@link IssuerDouble.sign} signs. */
export interface SignOptions {
  /** Default: the newest key's. A different algorithm needs a key of that algorithm (see `addKey`). */
  readonly kid?: string;
  /** Default 300 s. Ignored when the claims carry `exp`. */
  readonly lifetimeSeconds?: number;
  /** Sign with a throwaway key while naming `kid` in the header: a bad signature. */
  readonly forgeSignature?: boolean;
}

/** A local OIDC issuer serving discovery and JWKS over HTTP, and signing whatever a test asks. */
export interface IssuerDouble {
  /** The issuer URL (`iss` and discovery `issuer`), e.g. `http://127.0.0.1:40000`, no trailing slash. */
  readonly url: string;
  /** The newest key's `kid`. */
  readonly currentKid: string;
  /**
   * Signs a JWT. Defaults: `iss` = {@link IssuerDouble.url}, `iat` = now, `nbf` = now − 5 s,
   * `exp` = now + lifetime. Given claims override them (`undefined` removes one).
   */
  sign(claims: Readonly<Record<string, unknown>>, options?: SignOptions): Promise<string>;
  /** A token with `alg: none` and no signature. */
  unsignedToken(claims: Readonly<Record<string, unknown>>): string;
  /** A token signed HS256 with `secret`, naming the newest key's `kid`. */
  hmacToken(claims: Readonly<Record<string, unknown>>, secret: string): string;
  /** Generates and publishes a new key, which becomes the newest; returns its `kid`. */
  addKey(alg?: IssuerAlgorithm): Promise<string>;
  /** Stops publishing a key. */
  unpublishKey(kid: string): void;
  /** Makes discovery announce this `issuer` instead of the real URL (`undefined` restores it). */
  setDiscoveryIssuer(issuer: string | undefined): void;
  /** How many times discovery and JWKS have been fetched. */
  fetchCounts(): { readonly discovery: number; readonly jwks: number };
  close(): Promise<void>;
}

interface IssuerKey {
  readonly kid: string;
  readonly alg: IssuerAlgorithm;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  published: boolean;
}

async function makeKey(alg: IssuerAlgorithm): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, alg, privateKey, publicJwk: { ...jwk, kid, alg, use: "sig" }, published: true };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/**
 * Starts a tiny OIDC issuer on a loopback port: `/.well-known/openid-configuration` and `/jwks`. Pair it
 * with an emulator started with `allowInsecureLoopbackIssuer: true`.
 *
 * @example
 * const issuer = await startIssuerDouble();
 * const jwt = await issuer.sign({ sub: "ws-1/inst-1", aud: "api.tailscale.com/Tabc" });
 * await issuer.close();
 */
export async function startIssuerDouble(options: IssuerDoubleOptions = {}): Promise<IssuerDouble> {
  const clock = options.clock ?? systemClock;
  const keys: IssuerKey[] = [await makeKey(options.alg ?? "RS256")];
  const counts = { discovery: 0, jwks: 0 };
  let discoveryIssuer: string | undefined;
  let url = "";

  const newest = (): IssuerKey => {
    const key = keys[keys.length - 1];
    if (key === undefined) throw new Error("the issuer double has no keys");
    return key;
  };
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?", 1)[0];
    if (request.method === "GET" && path === "/.well-known/openid-configuration") {
      counts.discovery += 1;
      sendJson(response, 200, {
        issuer: discoveryIssuer ?? url,
        jwks_uri: `${url}/jwks`,
        response_types_supported: ["id_token"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: [...new Set(keys.map((key) => key.alg))],
      });
    } else if (request.method === "GET" && path === "/jwks") {
      counts.jwks += 1;
      sendJson(response, 200, { keys: keys.filter((key) => key.published).map((key) => key.publicJwk) });
    } else {
      sendJson(response, 404, { error: "not found" });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;

  const withDefaults = (claims: Readonly<Record<string, unknown>>, lifetimeSeconds: number): JWTPayload => {
    const now = Math.floor(clock.now() / 1000);
    const merged: Record<string, unknown> = {
      iss: url,
      iat: now,
      nbf: now - 5,
      exp: now + lifetimeSeconds,
      ...claims,
    };
    return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  };

  return {
    url,
    get currentKid() {
      return newest().kid;
    },
    sign: async (claims, signOptions = {}) => {
      const named =
        signOptions.kid === undefined ? newest() : keys.find((key) => key.kid === signOptions.kid);
      if (named === undefined) throw new Error(`no key ${signOptions.kid ?? ""}`);
      const signingKey =
        signOptions.forgeSignature === true ? (await makeKey(named.alg)).privateKey : named.privateKey;
      return new SignJWT(withDefaults(claims, signOptions.lifetimeSeconds ?? 300))
        .setProtectedHeader({ alg: named.alg, kid: named.kid, typ: "JWT" })
        .sign(signingKey);
    },
    unsignedToken: (claims) =>
      `${base64url({ alg: "none", typ: "JWT", kid: newest().kid })}.${base64url(withDefaults(claims, 300))}.`,
    hmacToken: (claims, secret) => {
      const input = `${base64url({ alg: "HS256", typ: "JWT", kid: newest().kid })}.${base64url(withDefaults(claims, 300))}`;
      return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
    },
    addKey: async (alg = newest().alg) => {
      const key = await makeKey(alg);
      keys.push(key);
      return key.kid;
    },
    unpublishKey: (kid) => {
      for (const key of keys) if (key.kid === kid) key.published = false;
    },
    setDiscoveryIssuer: (issuer) => {
      discoveryIssuer = issuer;
    },
    fetchCounts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
        server.closeAllConnections();
      }),
  };
}

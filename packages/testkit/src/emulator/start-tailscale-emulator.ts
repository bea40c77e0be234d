import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AuthKey } from "../auth-keys/auth-key.js";
import { mintAuthKey } from "../auth-keys/mint-auth-key.js";
import { parseKeyCapabilities } from "../auth-keys/parse-key-capabilities.js";
import { systemClock, type Clock } from "../clock/clock.js";
import { IssuerKeyCache } from "../token-exchange/issuer-key-cache.js";
import {
  parseTrustCredentialRequest,
  type TrustCredentialInput,
} from "../trust-credentials/parse-trust-credential-request.js";
import type { TrustCredential } from "../trust-credentials/trust-credential.js";
import { answerRequest } from "./answer-request.js";
import type { EmulatorContext } from "./emulator-context.js";
import { EmulatorState } from "./emulator-state.js";
import type { FaultTarget } from "./fault.js";
import type { TagPermissionRule } from "../auth-keys/tag-permission.js";

/** Settings of {@link startTailscaleEmulator}. */
export interface TailscaleEmulatorOptions {
  /** The admin API key tests send as `Authorization: Bearer <key>`. */
  readonly adminApiKey: string;
  /** Listen address; default `127.0.0.1`. */
  readonly host?: string;
  /** Listen port; default 0 (any free port). */
  readonly port?: number;
  /** Tailnet name accepted in API paths besides `-`; default `example.com`. */
  readonly tailnet?: string;
  /** DNS suffix of device names; default `tail1234.ts.net`. */
  readonly magicDnsSuffix?: string;
  /** Accept `http://` issuers on loopback hosts (a local test issuer); default false (https only). */
  readonly allowInsecureLoopbackIssuer?: boolean;
  /** Default the wall clock. */
  readonly clock?: Clock;
  /** Clock skew allowed for `exp`/`nbf`; default 30 s. */
  readonly leewaySeconds?: number;
  /** How long discovery and JWKS are reused; default 300 s (an unknown `kid` refetches at once). */
  readonly jwksCacheSeconds?: number;
  /**
   * Longest ID-token lifetime (`exp − iat`) the exchange accepts; default 3600 s. No source states
   * Tailscale's limit; short is the strict choice.
   */
  readonly maxTokenLifetimeSeconds?: number;
  /** Which reading of the tag rule key creation applies (see {@link TagPermissionRule}); default `subset`. */
  readonly tagPermission?: TagPermissionRule;
  /** ACL `tagOwners` for the `all-or-owned` reading: tag → owning tags; default none. */
  readonly tagOwners?: Readonly<Record<string, readonly string[]>>;
  /** Lifetime of exchanged access tokens; default 3600 s. */
  readonly accessTokenTtlSeconds?: number;
  /** Receives one line per notable event; default: discarded. */
  readonly log?: (line: string) => void;
}

/** What an auth key made directly by a test may carry (as in the API's `capabilities.devices.create`). */
export interface AuthKeyInput {
  readonly tags: readonly string[];
  readonly ephemeral?: boolean;
  readonly preauthorized?: boolean;
  readonly reusable?: boolean;
  readonly expirySeconds?: number;
}

/** A running emulator. */
export interface TailscaleEmulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`; pass it as `--login-server`. */
  readonly url: string;
  /** Credentials, tokens, keys, devices, refusals and the request log. */
  readonly state: EmulatorState;
  /** Creates a trust credential without going through HTTP (same validation as the API). */
  createTrustCredential(input: TrustCredentialInput): TrustCredential;
  /** Creates an auth key as an admin would (for clients that are given `--auth-key`). */
  createAuthKey(input: AuthKeyInput): AuthKey;
  /**
   * Answers the next `count` requests to `target` (default `any` of token exchange, key creation and
   * registration) with `status` and `{"message": message}` instead of handling them; with `rawBody`, with
   * that text as `text/html` instead (a proxy's error page).
   */
  failNext(
    count: number,
    status: number,
    target?: FaultTarget,
    message?: string,
    options?: { readonly rawBody?: string },
  ): void;
  /** Forgets cached discovery documents and JWKS. */
  clearIssuerCache(): void;
  close(): Promise<void>;
}

/**
 * Starts a Tailscale control-plane emulator on a local port: the admin API for trust credentials, the token
 * exchange, auth key creation, device listing and a small registration endpoint for the stand-in
 * `tailscale` command.
 *
 * @example
 * const emulator = await startTailscaleEmulator({ adminApiKey: "admin", allowInsecureLoopbackIssuer: true });
 * const credential = emulator.createTrustCredential({
 *   issuer: issuer.url, subject: "ws-1/*", scopes: ["auth_keys"], tags: ["tag:ci"],
 * });
 * // … run `tailscale up --login-server=${emulator.url} --client-id=${credential.clientId} …`
 * await emulator.close();
 */
export async function startTailscaleEmulator(options: TailscaleEmulatorOptions): Promise<TailscaleEmulator> {
  const clock = options.clock ?? systemClock;
  const allowInsecureLoopbackIssuer = options.allowInsecureLoopbackIssuer ?? false;
  const state = new EmulatorState();
  const keys = new IssuerKeyCache({
    clock,
    ttlMs: (options.jwksCacheSeconds ?? 300) * 1000,
    allowInsecureLoopback: allowInsecureLoopbackIssuer,
  });
  const context: EmulatorContext = {
    state,
    clock,
    keys,
    adminApiKey: options.adminApiKey,
    tailnet: options.tailnet ?? "example.com",
    magicDnsSuffix: options.magicDnsSuffix ?? "tail1234.ts.net",
    allowInsecureLoopbackIssuer,
    leewaySeconds: options.leewaySeconds ?? 30,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    maxTokenLifetimeSeconds: options.maxTokenLifetimeSeconds ?? 3600,
    tagPermission: options.tagPermission ?? "subset",
    tagOwners: options.tagOwners ?? {},
    randomHex: (bytes) => randomBytes(bytes).toString("hex"),
    log: options.log ?? (() => undefined),
  };

  const server = createServer((request, response) => {
    void answerRequest(request, response, context);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    state,
    createTrustCredential: (input) => {
      const credential = parseTrustCredentialRequest(input, {
        clientId: `T${context.randomHex(6)}CNTRL`,
        created: new Date(clock.now()).toISOString(),
        allowInsecureLoopbackIssuer,
      });
      state.addCredential(credential);
      return credential;
    },
    createAuthKey: (input) => {
      const capabilities = parseKeyCapabilities({
        capabilities: { devices: { create: { ...input } } },
        ...(input.expirySeconds === undefined ? {} : { expirySeconds: input.expirySeconds }),
      });
      const created = mintAuthKey(capabilities, "", context).body as { readonly key: string };
      const key = state.authKey(created.key);
      if (key === undefined) throw new Error("auth key was not stored");
      return key;
    },
    failNext: (count, status, target = "any", message = "injected failure", faultOptions = {}) => {
      state.addFault({
        target,
        remaining: count,
        status,
        message,
        ...(faultOptions.rawBody === undefined ? {} : { rawBody: faultOptions.rawBody }),
      });
    },
    clearIssuerCache: () => {
      keys.clear();
    },
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

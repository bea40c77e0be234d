import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { DEFAULT_ID_TOKEN_LIFETIME_SECS, MAX_ID_TOKEN_LIFETIME_SECS } from "@nsc/core";
import { assembleApp } from "../app/assemble-app.js";
import type { AppEnv } from "../app/app-env.js";
import type { FailedAuthLimits } from "../auth-limits/failed-auth-limiter.js";
import type { IssuerUrl } from "../issuer/issuer-url.js";
import type { ServerMetrics } from "../metrics/server-metrics.js";
import type { Runtime } from "../runtime/runtime.js";
import { keyEncryptionKeyFromBytes, type KeyEncryptionKey } from "../signing/key-encryption-key.js";
import { KeyRing } from "../signing/key-ring.js";
import { DEFAULT_ROTATION_POLICY, type RotationPolicy } from "../signing/rotation-plan.js";
import type { SigningAlg } from "../signing/signing-alg.js";
import type { Store } from "../store/open-store.js";
import { DEFAULT_EXTERNAL_FETCH, type ExternalFetchSettings } from "../trust/fetch-external.js";
import type { IssuerKeys } from "../trust/issuer-keys.js";
import { checkEveryResponse } from "./check-response.js";

export interface AssembleTestAppOptions {
  readonly issuer: IssuerUrl;
  readonly alg: SigningAlg;
  readonly metrics: ServerMetrics;
  readonly policy?: RotationPolicy;
  readonly maxBodyBytes?: number;
  /** How external issuers are fetched; default {@link DEFAULT_EXTERNAL_FETCH}. */
  readonly externalFetch?: ExternalFetchSettings;
  readonly failedAuthLimits?: FailedAuthLimits;
}

/** The whole app, and the parts of it a test reaches into. */
export interface AssembledTestApp {
  readonly app: Hono<AppEnv>;
  readonly keyRing: KeyRing;
  readonly kek: KeyEncryptionKey;
  readonly issuerKeys: IssuerKeys;
}

/**
 * Puts the app together as `nsc-server serve` does (`assembleApp`), with a signing key ring under a fresh
 * random key-encryption key, for the in-process test app and the in-process server alike. Every response is checked against the
 * OpenAPI document.
 */
export async function assembleTestApp(
  store: Store,
  runtime: Runtime,
  options: AssembleTestAppOptions,
): Promise<AssembledTestApp> {
  const { metrics } = options;
  const kek = keyEncryptionKeyFromBytes(randomBytes(32));
  const keyRing = await KeyRing.open({
    store,
    runtime,
    kek,
    alg: options.alg,
    policy: options.policy ?? DEFAULT_ROTATION_POLICY,
    refreshMs: 60_000,
  });
  const { app, issuerKeys } = assembleApp({
    store,
    runtime,
    metrics,
    keyRing,
    kek,
    issuerUrl: options.issuer,
    idTokenLifetime: { default: DEFAULT_ID_TOKEN_LIFETIME_SECS, max: MAX_ID_TOKEN_LIFETIME_SECS },
    jwksMaxAgeSecs: 3600,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    externalFetch: options.externalFetch ?? DEFAULT_EXTERNAL_FETCH,
    ...(options.failedAuthLimits === undefined ? {} : { failedAuthLimits: options.failedAuthLimits }),
  });
  checkEveryResponse(app);
  return { app, keyRing, kek, issuerKeys };
}

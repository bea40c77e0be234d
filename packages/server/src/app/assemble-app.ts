import type { DurationBounds } from "@nsc/core";
import type { Hono } from "hono";
import type { FailedAuthLimits } from "../auth-limits/failed-auth-limiter.js";
import { AuditBatcher } from "../audit/audit-batcher.js";
import type { IssuerUrl } from "../issuer/issuer-url.js";
import type { ServerMetrics } from "../metrics/server-metrics.js";
import type { Runtime } from "../runtime/runtime.js";
import type { KeyEncryptionKey } from "../signing/key-encryption-key.js";
import type { KeyRing } from "../signing/key-ring.js";
import type { Store } from "../store/open-store.js";
import { deriveExchangeSecret } from "../trust/exchange-secret.js";
import { createExternalFetcher, type ExternalFetchSettings } from "../trust/fetch-external.js";
import { IssuerKeys } from "../trust/issuer-keys.js";
import { createApp } from "./app.js";
import type { AppEnv } from "./app-env.js";

/** What an app is made from: the opened store and key ring, and the settings. */
export interface AppParts {
  readonly store: Store;
  readonly runtime: Runtime;
  readonly metrics: ServerMetrics;
  readonly keyRing: KeyRing;
  readonly kek: KeyEncryptionKey;
  readonly issuerUrl: IssuerUrl;
  readonly idTokenLifetime: DurationBounds;
  readonly jwksMaxAgeSecs: number;
  readonly maxBodyBytes: number;
  readonly externalFetch: ExternalFetchSettings;
  readonly failedAuthLimits?: FailedAuthLimits;
}

/**
 * Wires the app's dependencies the one way `nsc-server serve` and the tests' servers share: the metrics
 * watch the key ring and every audit commit, external issuers' keys are fetched with the configured
 * limits, and exchanged workload tokens are derived under a secret of the key-encryption key.
 */
export function assembleApp(parts: AppParts): {
  readonly app: Hono<AppEnv>;
  readonly issuerKeys: IssuerKeys;
} {
  const { store, runtime, metrics, keyRing } = parts;
  metrics.watchSigningKeys(keyRing);
  const issuerKeys = new IssuerKeys(createExternalFetcher(parts.externalFetch), runtime.clock);
  const app = createApp({
    store,
    runtime,
    metrics,
    auditBatcher: new AuditBatcher(store, runtime.randomBytes, {
      onCommit: (commit) => {
        metrics.observeAuditCommit(commit);
      },
    }),
    issuerUrl: parts.issuerUrl,
    keyRing,
    idTokenLifetime: parts.idTokenLifetime,
    jwksMaxAgeSecs: parts.jwksMaxAgeSecs,
    maxBodyBytes: parts.maxBodyBytes,
    issuerKeys,
    exchangeSecret: deriveExchangeSecret(parts.kek),
    ...(parts.failedAuthLimits === undefined ? {} : { failedAuthLimits: parts.failedAuthLimits }),
  });
  return { app, issuerKeys };
}

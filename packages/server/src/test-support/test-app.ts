import { AuditBatcher } from "../audit/audit-batcher.js";
import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { DEFAULT_ID_TOKEN_LIFETIME_SECS, MAX_ID_TOKEN_LIFETIME_SECS } from "@nsc/core";
import type { FailedAuthLimits } from "../auth-limits/failed-auth-limiter.js";
import { createApp } from "../app/app.js";
import { IssuerDocuments } from "../issuer/issuer-documents.js";
import { parseIssuerUrl } from "../issuer/issuer-url.js";
import { KeyRing } from "../signing/key-ring.js";
import { keyEncryptionKeyFromBytes, type KeyEncryptionKey } from "../signing/key-encryption-key.js";
import { DEFAULT_ROTATION_POLICY, type RotationPolicy } from "../signing/rotation-plan.js";
import type { SigningAlg } from "../signing/signing-alg.js";
import type { AppEnv } from "../app/app-env.js";
import { createLogger, silentLogger, type Logger } from "../log/logger.js";
import type { Runtime } from "../runtime/runtime.js";
import type { Store } from "../store/open-store.js";
import { createWorkspace } from "../workspaces/workspaces.js";
import { TestClock } from "./test-clock.js";
import { ServerMetrics } from "../metrics/server-metrics.js";
import { checkEveryResponse } from "./check-response.js";
import { deriveExchangeSecret } from "../trust/exchange-secret.js";
import {
  DEFAULT_EXTERNAL_FETCH,
  createExternalFetcher,
  type ExternalFetchSettings,
} from "../trust/fetch-external.js";
import { IssuerKeys } from "../trust/issuer-keys.js";

/** An in-process app on a test store, with a helper for authenticated JSON calls. */
export interface TestApp {
  readonly app: Hono<AppEnv>;
  readonly clock: TestClock;
  readonly runtime: Runtime;
  readonly store: Store;
  readonly keyRing: KeyRing;
  /** The key ring's discovery document and JWKS, as the app serves them. */
  readonly documents: IssuerDocuments;
  readonly kek: KeyEncryptionKey;
  readonly issuerKeys: IssuerKeys;
  readonly metrics: ServerMetrics;
  /** Creates a workspace and returns its ID and admin token. */
  workspace(name?: string): Promise<{ readonly id: string; readonly adminToken: string }>;
  /** Calls the app; a `body` is sent as JSON. Returns the status and the parsed JSON body. */
  call(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }>;
}

export const TEST_ISSUER = "https://issuer.example.test";

export interface TestAppOptions {
  readonly maxBodyBytes?: number;
  /** How external issuers are fetched; default {@link DEFAULT_EXTERNAL_FETCH}. */
  readonly externalFetch?: ExternalFetchSettings;
  readonly alg?: SigningAlg;
  readonly policy?: RotationPolicy;
  readonly issuer?: string;
  /** Where the app logs; silent unless NSC_TEST_LOG is set. */
  readonly logger?: Logger;
  readonly failedAuthLimits?: FailedAuthLimits;
}

/** An in-process app with a fresh signing key ring under a random key-encryption key. */
export async function createTestApp(store: Store, options: TestAppOptions = {}): Promise<TestApp> {
  const clock = new TestClock();
  const runtime: Runtime = {
    clock,
    randomBytes: (n) => randomBytes(n),
    logger: options.logger ?? (process.env.NSC_TEST_LOG ? createLogger() : silentLogger),
  };
  const kek = keyEncryptionKeyFromBytes(randomBytes(32));
  const issuerUrl = parseIssuerUrl(options.issuer ?? TEST_ISSUER).issuer;
  const keyRing = await KeyRing.open({
    store,
    runtime,
    kek,
    alg: options.alg ?? "ES256",
    policy: options.policy ?? DEFAULT_ROTATION_POLICY,
    refreshMs: 60_000,
  });
  const issuerKeys = new IssuerKeys(
    createExternalFetcher(options.externalFetch ?? DEFAULT_EXTERNAL_FETCH),
    clock,
  );
  const metrics = new ServerMetrics({ now: () => clock.now() });
  metrics.watchSigningKeys(keyRing);
  const app = createApp({
    store,
    runtime,
    metrics,
    auditBatcher: new AuditBatcher(store, runtime.randomBytes, {
      onCommit: (commit) => {
        metrics.observeAuditCommit(commit);
      },
    }),
    issuerUrl,
    keyRing,
    idTokenLifetime: { default: DEFAULT_ID_TOKEN_LIFETIME_SECS, max: MAX_ID_TOKEN_LIFETIME_SECS },
    jwksMaxAgeSecs: 3600,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    issuerKeys,
    exchangeSecret: deriveExchangeSecret(kek),
    ...(options.failedAuthLimits === undefined ? {} : { failedAuthLimits: options.failedAuthLimits }),
  });
  // Every response any API test sees is checked against the OpenAPI document.
  checkEveryResponse(app);
  return {
    app,
    clock,
    runtime,
    store,
    keyRing,
    documents: new IssuerDocuments(issuerUrl, keyRing),
    kek,
    issuerKeys,
    metrics,
    workspace: async (name = "acme") => {
      const created = await store.db
        .transaction()
        .execute((trx) => createWorkspace(trx, name, clock.now(), runtime.randomBytes));
      return { id: created.workspace.id, adminToken: created.adminToken };
    },
    call: async (method, path, token, body) => {
      const headers: Record<string, string> = {};
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await app.request(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, json: text === "" ? undefined : (JSON.parse(text) as unknown) };
    },
  };
}

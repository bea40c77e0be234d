import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import type { FailedAuthLimits } from "../auth-limits/failed-auth-limiter.js";
import { IssuerDocuments } from "../issuer/issuer-documents.js";
import { parseIssuerUrl } from "../issuer/issuer-url.js";
import type { KeyRing } from "../signing/key-ring.js";
import type { KeyEncryptionKey } from "../signing/key-encryption-key.js";
import type { RotationPolicy } from "../signing/rotation-plan.js";
import type { SigningAlg } from "../signing/signing-alg.js";
import type { AppEnv } from "../app/app-env.js";
import { createLogger, silentLogger, type Logger } from "../log/logger.js";
import type { Runtime } from "../runtime/runtime.js";
import type { Store } from "../store/open-store.js";
import { createWorkspace } from "../workspaces/workspaces.js";
import { TestClock } from "./test-clock.js";
import { ServerMetrics } from "../metrics/server-metrics.js";
import { assembleTestApp } from "./assemble-test-app.js";
import type { ExternalFetchSettings } from "../trust/fetch-external.js";
import type { IssuerKeys } from "../trust/issuer-keys.js";

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
  /** How external issuers are fetched; default `DEFAULT_EXTERNAL_FETCH`. */
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
  const issuerUrl = parseIssuerUrl(options.issuer ?? TEST_ISSUER).issuer;
  const metrics = new ServerMetrics({ now: () => clock.now() });
  const { app, keyRing, kek, issuerKeys } = await assembleTestApp(store, runtime, {
    issuer: issuerUrl,
    alg: options.alg ?? "ES256",
    metrics,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    ...(options.externalFetch === undefined ? {} : { externalFetch: options.externalFetch }),
    ...(options.failedAuthLimits === undefined ? {} : { failedAuthLimits: options.failedAuthLimits }),
  });
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

import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { createApp } from "../http/app.js";
import type { AppEnv } from "../http/app-env.js";
import { silentLogger } from "../log/logger.js";
import type { Runtime } from "../runtime/runtime.js";
import type { Store } from "../store/open-store.js";
import { createWorkspace } from "../workspaces/workspaces.js";
import { TestClock } from "./test-clock.js";

/** An in-process app on a test store, with a helper for authenticated JSON calls. */
export interface TestApp {
  readonly app: Hono<AppEnv>;
  readonly clock: TestClock;
  readonly runtime: Runtime;
  readonly store: Store;
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

export function createTestApp(store: Store, maxBodyBytes = 64 * 1024): TestApp {
  const clock = new TestClock();
  const runtime: Runtime = { clock, randomBytes: (n) => randomBytes(n), logger: silentLogger };
  const app = createApp({ store, runtime, issuerUrl: TEST_ISSUER, maxBodyBytes });
  return {
    app,
    clock,
    runtime,
    store,
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

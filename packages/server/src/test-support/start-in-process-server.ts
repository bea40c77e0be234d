import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bootstrapWorkspace } from "../bootstrap/bootstrap-workspace.js";
import type { createApp } from "../app/app.js";
import { parseIssuerUrl } from "../issuer/issuer-url.js";
import { createLogger } from "../log/logger.js";
import { systemRuntime } from "../runtime/runtime.js";
import type { SigningAlg } from "../signing/signing-alg.js";
import type { Store } from "../store/open-store.js";
import { listen } from "./listen.js";
import { ServerMetrics } from "../metrics/server-metrics.js";
import { assembleTestApp } from "./assemble-test-app.js";
import type { ExternalFetchSettings } from "../trust/fetch-external.js";
import { openTestStore, type TestDatabase } from "./test-databases.js";

/** The nsc server running in the test's own process, on a real loopback socket. */
export interface InProcessServer {
  /** Its base URL, also the issuer URL, as `nsc-server --listen 127.0.0.1:0` would have. */
  readonly url: string;
  readonly store: Store;
  /** The workspace made on first start, and its admin API token. */
  readonly workspaceId: string;
  readonly adminToken: string;
  /** Every JSON log line the server wrote so far (what `nsc-server` prints on stderr). */
  logs(): string;
  /** Stops listening, closes the store and drops its database. */
  close(): Promise<void>;
}

/**
 * Starts the server the way `nsc-server serve` does — fresh migrated database, bootstrap workspace, signing
 * keys, the full app on a free loopback port with the issuer URL equal to that address, the wall clock —
 * but inside this process, so a test can drive it with the in-process CLI (`runNsc` of the testkit) in
 * milliseconds, and a Tailscale emulator can fetch its discovery document and JWKS.
 *
 * @example
 * const server = await startInProcessServer(database);
 * const result = await runNsc(["workspace", "describe"], { env: { NSC_ENDPOINT: server.url, NSC_TOKEN: server.adminToken } });
 */
export async function startInProcessServer(
  database: TestDatabase,
  options: { readonly alg?: SigningAlg; readonly externalFetch?: ExternalFetchSettings } = {},
): Promise<InProcessServer> {
  const store = await openTestStore(database);
  const dataDir = mkdtempSync(join(tmpdir(), "nsc-in-process-"));
  let logText = "";
  const runtime = systemRuntime(
    createLogger({
      write: (line) => {
        logText += line;
      },
    }),
  );
  let app: ReturnType<typeof createApp> | undefined;
  const listener = await listen((request) =>
    app === undefined ? new Response(null, { status: 503 }) : app.fetch(request),
  );
  try {
    const issuerUrl = parseIssuerUrl(listener.url).issuer;
    const assembled = await assembleTestApp(store, runtime, {
      issuer: issuerUrl,
      alg: options.alg ?? "RS256",
      metrics: new ServerMetrics(),
      ...(options.externalFetch === undefined ? {} : { externalFetch: options.externalFetch }),
    });
    const bootstrapped = await bootstrapWorkspace(store, dataDir, runtime);
    if (bootstrapped === undefined) throw new Error("a fresh database was already bootstrapped");
    app = assembled.app;
    runtime.logger.info("listening", { url: listener.url, issuer: issuerUrl, database: store.dialect });
    return {
      url: listener.url,
      store,
      workspaceId: bootstrapped.workspaceId,
      adminToken: bootstrapped.adminToken,
      logs: () => logText,
      close: async () => {
        await listener.close();
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await listener.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

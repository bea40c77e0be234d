import type { AddressInfo } from "node:net";
import { serve as serveHttp } from "@hono/node-server";
import { bootstrapWorkspace } from "../bootstrap/bootstrap-workspace.js";
import type { ServerConfig } from "../config/server-config.js";
import { createApp } from "../http/app.js";
import { createLogger } from "../log/logger.js";
import { systemRuntime } from "../runtime/runtime.js";
import { openStore } from "../store/open-store.js";

/** Grace period for in-flight requests on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Runs the server until SIGTERM or SIGINT: opens and migrates the database, bootstraps the first
 * workspace on an empty database, listens, and on a signal stops accepting, finishes in-flight requests
 * and closes the database.
 */
export async function serve(config: ServerConfig): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const runtime = systemRuntime(logger);
  const store = await openStore(config.databaseUrl);
  logger.info("database ready", { database: store.description });

  const bootstrapped = await bootstrapWorkspace(store, config.dataDir, runtime);

  // The app needs the issuer URL, which defaults to the bound address: it is made once listening, and
  // no request is read before then.
  const ready: { app?: ReturnType<typeof createApp> } = {};
  const server = await new Promise<ReturnType<typeof serveHttp>>((resolvePromise, reject) => {
    const listener = serveHttp(
      {
        fetch: (request) =>
          ready.app === undefined ? new Response(null, { status: 503 }) : ready.app.fetch(request),
        hostname: config.listen.host,
        port: config.listen.port,
      },
      () => {
        resolvePromise(listener);
      },
    );
    listener.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const issuerUrl = config.issuerUrl ?? url;
  ready.app = createApp({ store, runtime, issuerUrl, maxBodyBytes: config.maxBodyBytes });

  if (bootstrapped !== undefined) {
    process.stdout.write(
      [
        `Created workspace ${bootstrapped.workspaceId} with an admin API token (shown only this once):`,
        "",
        `  ${bootstrapped.adminToken}`,
        "",
        `It is also in ${bootstrapped.tokenFile} (mode 0600). Log in with:`,
        `  nsc login --endpoint ${url} --token-file ${bootstrapped.tokenFile}`,
        "",
      ].join("\n"),
    );
  }
  logger.info("listening", { url, issuer: issuerUrl, database: store.dialect });

  await new Promise<void>((resolveStop) => {
    const stop = (signal: string): void => {
      logger.info("shutting down", { signal });
      process.removeAllListeners("SIGTERM");
      process.removeAllListeners("SIGINT");
      const force = setTimeout(() => {
        if ("closeAllConnections" in server) server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolveStop();
      });
      if ("closeIdleConnections" in server) server.closeIdleConnections();
    };
    process.once("SIGTERM", () => {
      stop("SIGTERM");
    });
    process.once("SIGINT", () => {
      stop("SIGINT");
    });
  });
  await store.close();
  logger.info("stopped");
}

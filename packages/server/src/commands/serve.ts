import { readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { serve as serveHttp } from "@hono/node-server";
import { bootstrapWorkspace } from "../bootstrap/bootstrap-workspace.js";
import type { ServerConfig } from "../config/server-config.js";
import type { createApp } from "../app/app.js";
import { closeUnreadBody } from "../http/close-unread-body.js";
import { IssuerDocuments } from "../issuer/issuer-documents.js";
import { parseIssuerUrl } from "../issuer/issuer-url.js";
import { createLogger } from "../log/logger.js";
import { systemRuntime } from "../runtime/runtime.js";
import { openStore } from "../store/open-store.js";
import { openIssuer } from "./open-issuer.js";
import { assembleApp } from "../app/assemble-app.js";
import { ServerMetrics } from "../metrics/server-metrics.js";
import { followRotation, schedulePruning } from "./serve-tasks.js";
import type { ServerIo } from "./server-io.js";

/** How often each replica looks for rows past their retention. */
const PRUNE_EVERY_MS = 3_600_000;

/** Grace period for in-flight requests on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

type App = ReturnType<typeof createApp>;

/**
 * Runs the server until SIGTERM or SIGINT: opens and migrates the database, bootstraps the first
 * workspace on an empty database, listens, opens the signing keys for the issuer URL (which defaults to
 * the bound address), and on a signal stops accepting, finishes in-flight requests and closes the
 * database. Its log goes to `io.stderr`; the signals it handles are the process's.
 */
export async function serve(config: ServerConfig, io: ServerIo): Promise<void> {
  const logger = createLogger({
    level: config.logLevel,
    write: (line) => {
      io.stderr.write(line);
    },
  });
  const runtime = systemRuntime(logger);
  const store = await openStore(config.databaseUrl, {
    warn: (message) => {
      logger.warn(message);
    },
  });
  logger.info("database ready", { database: store.description });

  // Until the app exists (a few milliseconds after binding), requests get 503.
  const ready: { app?: App } = {};
  const server = await new Promise<ReturnType<typeof serveHttp>>((resolvePromise, reject) => {
    const listener = serveHttp(
      {
        // The second argument carries Node's request and response objects; handlers read bodies from it.
        fetch: closeUnreadBody((request, env: unknown) =>
          ready.app === undefined ? new Response(null, { status: 503 }) : ready.app.fetch(request, env),
        ),

        hostname: config.listen.host,
        port: config.listen.port,
        ...(config.tls === undefined
          ? {}
          : {
              createServer: createHttpsServer,
              serverOptions: {
                cert: readFileSync(config.tls.certFile),
                key: readFileSync(config.tls.keyFile),
              },
            }),
      },
      () => {
        resolvePromise(listener);
      },
    );
    listener.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `${config.tls === undefined ? "http" : "https"}://${host}:${address.port}`;

  const stopTasks: (() => void)[] = [];
  const reloadTls = (): void => {
    if (config.tls === undefined) {
      logger.info("SIGHUP: nothing to reload (no --tls-cert)");
      return;
    }
    try {
      const context = { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) };
      (server as unknown as { setSecureContext(options: typeof context): void }).setSecureContext(context);
      logger.info("reloaded the TLS certificate", { cert: config.tls.certFile });
    } catch (error) {
      logger.error("TLS reload failed; still serving the previous certificate", {
        cert: config.tls.certFile,
        error: error instanceof Error ? error.message : "unknown",
      });
    }
  };
  process.on("SIGHUP", reloadTls);

  let keyRing;
  try {
    const issuer = parseIssuerUrl(config.issuerUrl ?? url, "--issuer-url");
    if (issuer.warning !== null) logger.warn(issuer.warning, { issuer: issuer.issuer });
    const opened = await openIssuer(config, store, runtime, io.env);
    keyRing = opened.keyRing;
    const bootstrapped = await bootstrapWorkspace(store, config.dataDir, runtime);
    const metrics = new ServerMetrics({ processMetrics: true });
    ready.app = assembleApp({
      store,
      runtime,
      metrics,
      keyRing,
      kek: opened.kek,
      issuerUrl: issuer.issuer,
      idTokenLifetime: config.idTokenLifetime,
      jwksMaxAgeSecs: config.jwksMaxAgeSecs,
      maxBodyBytes: config.maxBodyBytes,
      externalFetch: config.externalFetch,
    }).app;
    keyRing.start();
    stopTasks.push(schedulePruning(store, config.retention, metrics, logger, PRUNE_EVERY_MS));
    if (config.exportDir !== undefined) {
      stopTasks.push(
        followRotation(
          new IssuerDocuments(issuer.issuer, keyRing),
          config.exportDir,
          logger,
          config.keyRefreshMs,
        ),
      );
    }
    if (bootstrapped !== undefined) {
      // The token goes to the 0600 file and to a terminal only: stdout that is a pipe or a file is
      // usually a log collector, and the JSON log stream never carries it.
      logger.info("created the first workspace and its admin API token", {
        workspace: bootstrapped.workspaceId,
        token_file: bootstrapped.tokenFile,
      });
      if (io.stdout.isTTY === true) {
        io.stdout.write(
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
    }
    logger.info("listening", { url, issuer: issuer.issuer, database: store.dialect });
  } catch (error) {
    process.off("SIGHUP", reloadTls);
    for (const stopTask of stopTasks) stopTask();
    server.close();
    await store.close();
    throw error;
  }

  await new Promise<void>((resolveStop) => {
    const stop = (signal: string): void => {
      logger.info("shutting down", { signal });
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
  process.off("SIGHUP", reloadTls);
  for (const stopTask of stopTasks) stopTask();
  keyRing.stop();
  await store.close();
  logger.info("stopped");
}

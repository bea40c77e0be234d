import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../app/app-env.js";
import { consoleDistDir } from "./console-dist-dir.js";
import { CONSOLE_SECURITY_HEADERS, IMMUTABLE, REVALIDATE } from "./console-headers.js";
import { contentTypeOf } from "./content-type.js";
import { resolveConsoleFile } from "./resolve-console-file.js";

/** Options for {@link consoleRoutes}; tests point `distDir` at a folder of their own. */
export interface ConsoleRoutesOptions {
  readonly distDir?: string;
}

const NOT_BUILT =
  "The nsc console is not built. Run `npm run build` in the nsc repository, then reload this page.\n";

/** Paths that belong to the API and its documents: never answered with the console. */
function isApiPath(path: string): boolean {
  return (
    path === "/healthz" ||
    path === "/readyz" ||
    path === "/version" ||
    path === "/metrics" ||
    path.startsWith("/metrics/") ||
    path === "/openapi.json" ||
    path.startsWith("/openapi.json/") ||
    path === "/v1" ||
    path.startsWith("/v1/") ||
    path === "/.well-known" ||
    path.startsWith("/.well-known/")
  );
}

/**
 * Serves the web console's built files at `/`: hashed `assets/` cached for a year, `index.html`
 * revalidated, any other non-API GET path answered with `index.html` so client-side routes survive a
 * reload. Every console response carries a strict Content-Security-Policy. Mount it after the API routes:
 * API paths it does not know fall through to the app's `route_not_found`.
 */
export function consoleRoutes(options: ConsoleRoutesOptions = {}): Hono<AppEnv> {
  const root = options.distDir ?? consoleDistDir();
  const app = new Hono<AppEnv>();
  app.get("*", async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (isApiPath(path)) {
      await next();
      return undefined;
    }
    for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) c.header(name, value);
    const file = root === undefined ? undefined : resolveConsoleFile(root, path);
    if (file !== undefined && (await isFile(file))) {
      const immutable = path.startsWith("/assets/");
      return send(c, file, immutable ? IMMUTABLE : REVALIDATE);
    }
    if (path.startsWith("/assets/")) {
      c.header("Cache-Control", "no-store");
      return c.text("not found\n", 404);
    }
    const index = root === undefined ? undefined : join(root, "index.html");
    if (index === undefined || !(await isFile(index))) {
      c.header("Cache-Control", "no-store");
      return c.text(NOT_BUILT, 503);
    }
    return send(c, index, REVALIDATE);
  });
  return app;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

async function send(c: Context<AppEnv>, file: string, cacheControl: string): Promise<Response> {
  const body = await readFile(file);
  c.header("Content-Type", contentTypeOf(file));
  c.header("Cache-Control", cacheControl);
  return c.body(new Uint8Array(body), 200);
}

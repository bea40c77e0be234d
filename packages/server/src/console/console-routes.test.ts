import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Hono } from "hono";
import type { AppEnv } from "../app/app-env.js";
import { consoleRoutes } from "./console-routes.js";
import { CONSOLE_CSP } from "./console-headers.js";
import { resolveConsoleFile } from "./resolve-console-file.js";

const INDEX = '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>';
const SCRIPT = "console.log('console');";

/** A folder with a built console in `dist/` and a file beside it that must never be served. */
function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), "nsc-console-"));
  mkdirSync(join(root, "dist", "assets"), { recursive: true });
  writeFileSync(join(root, "dist", "index.html"), INDEX);
  writeFileSync(join(root, "dist", "assets", "index-abc123.js"), SCRIPT);
  writeFileSync(join(root, "dist", "assets", "index-abc123.css"), "body{}");
  writeFileSync(join(root, "secret.txt"), "do not serve");
  return root;
}

/** The console mounted the way the server mounts it: after API routes, before the JSON not-found. */
function appWith(distDir: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/v1/workspace", (c) => c.json({ id: "ws" }));
  app.route("/", consoleRoutes({ distDir }));
  app.notFound((c) => c.json({ error: { code: "route_not_found", message: "no route" } }, 404));
  return app;
}

function assertConsoleHeaders(res: Response): void {
  assert.equal(res.headers.get("content-security-policy"), CONSOLE_CSP);
  assert.equal(res.headers.get("x-frame-options"), "DENY");
  assert.equal(res.headers.get("referrer-policy"), "no-referrer");
}

describe("console static files", () => {
  const root = fixture();
  const app = appWith(join(root, "dist"));

  it("serves index.html at / with no-cache and the strict policy", async () => {
    const res = await app.request("/");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "no-cache");
    assertConsoleHeaders(res);
    assert.equal(await res.text(), INDEX);
  });

  it("serves hashed assets as immutable with their content type", async () => {
    const js = await app.request("/assets/index-abc123.js");
    assert.equal(js.status, 200);
    assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(js.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assertConsoleHeaders(js);
    assert.equal(await js.text(), SCRIPT);
    const css = await app.request("/assets/index-abc123.css");
    assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
  });

  it("answers client-side routes with index.html, but a missing asset with 404", async () => {
    for (const path of ["/integrations", "/activity", "/some/deep/path"]) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.equal(await res.text(), INDEX, path);
    }
    const missing = await app.request("/assets/gone-123.js");
    assert.equal(missing.status, 404);
    assert.notEqual(await missing.text(), INDEX);
  });

  it("never answers API paths with the console", async () => {
    assert.deepEqual(await (await app.request("/v1/workspace")).json(), { id: "ws" });
    assert.deepEqual(await (await app.request("/healthz")).json(), { status: "ok" });
    for (const path of ["/v1", "/v1/nothing-here", "/.well-known/nothing", "/readyz"]) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(await res.json(), { error: { code: "route_not_found", message: "no route" } }, path);
      assert.equal(res.headers.get("content-security-policy"), null, path);
    }
    const post = await app.request("/", { method: "POST" });
    assert.equal(post.status, 404);
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await app.request("/", { method: "HEAD" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(await res.text(), "");
  });

  it("does not serve files outside the console's folder", async () => {
    for (const path of [
      "/%2e%2e/secret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/%00/secret.txt",
      "/%E0%A4%A",
    ]) {
      const res = await app.request(path);
      assert.doesNotMatch(await res.text(), /do not serve/u, path);
    }
  });

  it("says how to build the console when its files are missing", async () => {
    const empty = appWith(join(mkdtempSync(join(tmpdir(), "nsc-console-")), "dist"));
    const res = await empty.request("/");
    assert.equal(res.status, 503);
    assert.match(res.headers.get("content-type") ?? "", /^text\/plain/u);
    assert.match(await res.text(), /npm run build/u);
    assertConsoleHeaders(res);
  });
});

describe("resolveConsoleFile", () => {
  it("maps plain paths inside the root", () => {
    assert.equal(resolveConsoleFile("/srv/dist", "/assets/a-1.js"), "/srv/dist/assets/a-1.js");
    assert.equal(resolveConsoleFile("/srv/dist", "/index.html"), "/srv/dist/index.html");
  });

  it("refuses traversal, dot-files, backslashes, NUL and bad encoding", () => {
    for (const path of ["/", "/../x", "/%2e%2e/x", "/a/..%2F..%2Fx", "/.env", "/a\\b", "/%00", "/%E0%A4%A"]) {
      assert.equal(resolveConsoleFile("/srv/dist", path), undefined, path);
    }
  });
});

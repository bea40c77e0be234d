import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { NSC_BIN, cliEnv, runNode, startServer, type RunResult, type ServerProcess } from "@nsc/testkit";
import { launchBrowser } from "./browser.js";

const ROOT = new URL("../../../../", import.meta.url).pathname;
/** Screenshots of every page land here (ignored by git). */
export const ARTIFACTS = join(ROOT, "test-artifacts/console");

/** The result of one API call made by a test. */
export interface ApiResult {
  readonly status: number;
  readonly json: unknown;
}

/** A real nsc-server serving the built console, a browser, and helpers to drive both. */
export interface ConsoleEnv {
  readonly server: ServerProcess;
  readonly adminToken: string;
  /** Calls the API directly, as another client would. */
  api(method: string, path: string, token: string, body?: unknown): Promise<ApiResult>;
  /** Creates an API token with the role and returns its secret. */
  createToken(role: "admin" | "member" | "launcher"): Promise<string>;
  /** Creates or replaces a Tailscale spec with the real CLI (client ID `k-<name>`), as an admin. */
  setSpec(name: string, tags: string): Promise<void>;
  /** Runs the real `nsc` CLI against the server with NSC_ENDPOINT and NSC_TOKEN. */
  nsc(token: string, ...args: string[]): Promise<RunResult>;
  /** A new tab (own sessionStorage) at a console path; signed in when a token is given. */
  open(path: string, token?: string): Promise<Page>;
  /** Saves a screenshot as test-artifacts/console/<name>.png. */
  screenshot(page: Page, name: string): Promise<void>;
  /** Content-Security-Policy violations and page errors seen so far in any tab. */
  problems(): readonly string[];
  /**
   * Loads `path` in a new tab (signed in when a token is given), waits until `ready` is visible and the
   * network is idle, and asserts that this load alone caused no Content-Security-Policy violation and no
   * page error. Then it proves the check can fail: an inline script added to the page must be refused by
   * the policy and reported as a violation.
   */
  assertCleanLoad(path: string, ready: (page: Page) => Promise<void>, token?: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server and the browser; fails early when the console was not built. */
export async function startConsoleEnv(): Promise<ConsoleEnv> {
  assert.ok(
    existsSync(join(ROOT, "packages/console/dist/index.html")),
    "packages/console/dist is missing: run `npm run build` first",
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServer();
  const adminToken = server.adminToken();
  let context: BrowserContext;
  try {
    context = await launchBrowser();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const problems: string[] = [];
  const problemsByPage = new WeakMap<Page, string[]>();
  /** Pages of `assertCleanLoad`, whose deliberate violation counts only for themselves. */
  const probed = new WeakSet<Page>();
  // Every document records the violations its policy reports, before any of its own scripts run.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { nscCspViolations: string[] }).nscCspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  const watch = (page: Page): void => {
    const own: string[] = [];
    problemsByPage.set(page, own);
    page.on("console", (message: ConsoleMessage) => {
      const text = message.text();
      if (/Content.Security.Policy|Refused to/iu.test(text)) {
        if (!probed.has(page)) problems.push(text);
        own.push(text);
      }
    });
    page.on("pageerror", (error) => {
      if (!probed.has(page)) problems.push(`page error: ${error.message}`);
      own.push(`page error: ${error.message}`);
    });
  };
  const reported = (page: Page): Promise<string[]> =>
    page.evaluate(() => [...(window as unknown as { nscCspViolations: string[] }).nscCspViolations]);

  const api = async (method: string, path: string, token: string, body?: unknown): Promise<ApiResult> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(new URL(path, server.url), {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === "" ? null : (JSON.parse(text) as unknown) };
  };

  const nsc = (token: string, ...args: string[]): Promise<RunResult> =>
    runNode(NSC_BIN, args, cliEnv({ NSC_ENDPOINT: server.url, NSC_TOKEN: token }));

  const open = async (path: string, token?: string): Promise<Page> => {
    const page = await context.newPage();
    watch(page);
    await page.goto(new URL(path, server.url).toString());
    if (token !== undefined) {
      await page.getByLabel("API token").fill(token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("button", { name: "Sign out" }).waitFor();
    }
    return page;
  };

  return {
    server,
    adminToken,
    api,
    async createToken(role) {
      const res = await api("POST", "/v1/tokens", adminToken, { name: `console ${role}`, role });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      const { secret } = res.json as { secret: string };
      return secret;
    },
    nsc,
    async setSpec(name, tags) {
      const set = await nsc(
        adminToken,
        "integrations",
        "tailscale",
        "set",
        name,
        "--oauth-client-id",
        `k-${name}`,
        "--tag",
        tags,
      );
      assert.equal(set.code, 0, set.stderr);
    },
    open,
    async screenshot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    problems: () => problems,
    async assertCleanLoad(path, ready, token) {
      const page = await open(path, token);
      try {
        await ready(page);
        await page.waitForLoadState("networkidle");
        assert.deepEqual(problemsByPage.get(page), [], `console messages and page errors on ${path}`);
        assert.deepEqual(await reported(page), [], `violations reported by ${path}`);

        probed.add(page);
        const ran = await page.evaluate(() => {
          const script = document.createElement("script");
          script.textContent = "window.nscInlineRan = true;";
          document.head.append(script);
          return (window as unknown as { nscInlineRan?: boolean }).nscInlineRan === true;
        });
        assert.equal(ran, false, `the policy of ${path} refuses inline scripts`);
        await page.waitForFunction(() =>
          (window as unknown as { nscCspViolations: string[] }).nscCspViolations.some((v) =>
            v.startsWith("script-src"),
          ),
        );
      } finally {
        await page.close();
      }
    },
    async close() {
      await context.close();
      await server.stop();
    },
  };
}

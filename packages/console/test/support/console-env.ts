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
  /** Runs the real `nsc` CLI against the server with NSC_ENDPOINT and NSC_TOKEN. */
  nsc(token: string, ...args: string[]): Promise<RunResult>;
  /** A new tab (own sessionStorage) at a console path; signed in when a token is given. */
  open(path: string, token?: string): Promise<Page>;
  /** Saves a screenshot as test-artifacts/console/<name>.png. */
  screenshot(page: Page, name: string): Promise<void>;
  /** Content-Security-Policy violations and page errors seen so far in any tab. */
  problems(): readonly string[];
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
  const watch = (page: Page): void => {
    page.on("console", (message: ConsoleMessage) => {
      const text = message.text();
      if (/Content.Security.Policy|Refused to/iu.test(text)) problems.push(text);
    });
    page.on("pageerror", (error) => {
      problems.push(`page error: ${error.message}`);
    });
  };

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
    nsc: (token, ...args) => runNode(NSC_BIN, args, cliEnv({ NSC_ENDPOINT: server.url, NSC_TOKEN: token })),
    async open(path, token) {
      const page = await context.newPage();
      watch(page);
      await page.goto(new URL(path, server.url).toString());
      if (token !== undefined) {
        await page.getByLabel("API token").fill(token);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("button", { name: "Sign out" }).waitFor();
      }
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    problems: () => problems,
    async close() {
      await context.close();
      await server.stop();
    },
  };
}

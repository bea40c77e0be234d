import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/**
 * The browser the tests drive: `NSC_TEST_CHROMIUM` when set, else Debian's Chromium headless shell (the same
 * Blink and V8 as the browser, without its windowing layer; about a fifth less CPU per file here), else
 * Debian's full Chromium. `.ci/run` installs the headless shell when neither is there.
 */
export const CHROMIUM =
  process.env.NSC_TEST_CHROMIUM ??
  ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((path) => existsSync(path)) ??
  "/usr/bin/chromium-headless-shell";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Why the browser tests cannot run here, or `undefined` when they can. Without a browser they are skipped
 * with this reason, except under CI=true, where a missing browser is a failure.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `no browser at ${CHROMIUM} (install it with: apt-get install -y chromium-headless-shell)`;
  if (process.env.CI === "true") throw new Error(`console browser tests need Chromium under CI: ${reason}`);
  console.log(`console browser tests SKIPPED: ${reason}`);
  return reason;
}

/** Starts headless Chromium with a fresh profile folder; `close` ends it. */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), "nsc-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  // A page action that waits this long is hung, not slow: three test files run beside each other, and a
  // shared machine can be several times slower than an idle one. The runner's hang limit is 120 s.
  context.setDefaultTimeout(60_000);
  return context;
}

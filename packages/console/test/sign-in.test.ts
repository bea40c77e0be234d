import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { browserSkipReason } from "./support/browser.js";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

describe("console sign-in", { skip: browserSkipReason() }, () => {
  let env: ConsoleEnv;
  before(async () => {
    env = await startConsoleEnv();
  });
  after(async () => {
    await env.close();
  });

  it("signs in with an admin token, keeps it in this tab only, and signs out", async () => {
    const page = await env.open("/");
    await env.screenshot(page, "sign-in");
    await page.getByLabel("API token").fill(env.adminToken);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Workspace settings" }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem("nsc.console.token")), env.adminToken);
    assert.equal(await page.evaluate(() => localStorage.length), 0);

    await page.reload();
    await page.getByRole("heading", { name: "Workspace settings" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API token").waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem("nsc.console.token")), null);
    await page.close();
  });

  it("shows the server's message for a bad token", async () => {
    const page = await env.open("/");
    await page.getByLabel("API token").fill("nsct_not-a-real-token-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await alert.filter({ hasText: /\S/u }).waitFor();
    const res = await env.api("GET", "/v1/workspace", "nsct_not-a-real-token-at-all");
    const message = (res.json as { error: { message: string } }).error.message;
    assert.match(await alert.innerText(), new RegExp(message.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"), "u"));
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await env.screenshot(page, "sign-in-bad-token");
    await page.close();
  });

  it("refuses a launcher token with a clear message", async () => {
    const launcher = await env.createToken("launcher");
    const page = await env.open("/");
    await page.getByLabel("API token").fill(launcher);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /launcher/iu })
      .waitFor();
    assert.match(await page.getByRole("alert").innerText(), /sign in with an admin or member token/iu);
    await page.close();
  });

  it("loads without Content-Security-Policy violations", async () => {
    await env.assertCleanLoad("/", (page) => page.getByLabel("API token").waitFor());
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { browserSkipReason } from "./support/browser.js";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

describe("console workspace page", { skip: browserSkipReason() }, () => {
  let env: ConsoleEnv;
  let workspaceId: string;
  before(async () => {
    env = await startConsoleEnv();
    const res = await env.api("GET", "/v1/workspace", env.adminToken);
    workspaceId = (res.json as { id: string }).id;
    for (const [name, tags] of [
      ["corp", "tag:namespace,tag:ci"],
      ["lab", "tag:ci,tag:lab"],
    ] as const) {
      await env.setSpec(name, tags);
    }
  });
  after(async () => {
    await env.close();
  });

  it("shows the workspace and every value for Tailscale's trust credential, each with a copy button", async () => {
    const page = await env.open("/workspace", env.adminToken);
    await page.getByRole("heading", { name: "Workspace settings" }).waitFor();
    const text = await page.locator("main").innerText();
    assert.match(text, /Name\s+default/u);
    assert.ok(text.includes(workspaceId));
    assert.ok(text.includes("Custom issuer"));
    assert.ok(text.includes(env.server.url));
    assert.ok(text.includes(`${workspaceId}/*`));
    assert.ok(text.includes("auth_keys"));
    assert.ok(text.includes("tailscale_spec"));
    await page.getByText("tag:namespace,tag:ci,tag:lab").waitFor();
    for (const thing of ["issuer", "issuer URL", "subject", "scope", "claim name", "tags"]) {
      await page.getByRole("button", { name: `Copy ${thing}`, exact: true }).waitFor();
    }
    await page.getByRole("button", { name: "Copy subject", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Copied" }).waitFor();
    await env.screenshot(page, "workspace");
    await page.close();
  });

  it("warns that a loopback http:// issuer URL will not work with Tailscale", async () => {
    const page = await env.open("/workspace", env.adminToken);
    const warning = page
      .getByRole("alert")
      .filter({ hasText: "This issuer URL will not work with Tailscale" });
    await warning.waitFor();
    assert.match(await warning.innerText(), /https:\/\//u);
    await page.close();
  });

  it("is readable at 390 px wide", async () => {
    const page = await env.open("/workspace", env.adminToken);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Copy tags" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await env.screenshot(page, "workspace-390");
    await page.getByRole("link", { name: "Integrations" }).click();
    await page.getByRole("row", { name: /lab/u }).waitFor();
    const tableOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(tableOverflow <= 0, `integrations page is ${tableOverflow}px wider than the screen`);
    await env.screenshot(page, "integrations-390");
    await page.close();
  });

  it("can be used from the keyboard with a visible focus ring", async () => {
    const page = await env.open("/workspace", env.adminToken);
    await page.getByRole("heading", { name: "Workspace settings" }).waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, "none");
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = (await page.locator(":focus").innerText()) === "Integrations";
    }
    assert.ok(reached, "the Integrations link is reachable with Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Integrations" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/integrations");
    await page.close();
  });

  it("members see everything read-only, with the reason", async () => {
    const member = await env.createToken("member");
    const page = await env.open("/integrations", member);
    await page.getByRole("row", { name: /corp/u }).waitFor();
    await page.getByText("Read-only: your token has the member role").waitFor();
    assert.equal(await page.getByRole("button", { name: "New spec" }).isDisabled(), true);
    assert.equal(await page.getByRole("switch", { name: "Magic DNS for corp" }).isDisabled(), true);
    assert.equal(await page.getByRole("button", { name: "Edit corp" }).isDisabled(), true);
    assert.equal(await page.getByRole("button", { name: "Remove corp" }).isDisabled(), true);
    await env.screenshot(page, "integrations-member");

    await page.getByRole("link", { name: "Devboxes" }).click();
    await page.getByRole("heading", { name: "Devboxes" }).waitFor();
    await page.getByText("Read-only: your token has the member role").waitFor();

    await page.getByRole("link", { name: "Activity" }).click();
    await page.getByRole("alert").filter({ hasText: "Activity is visible to admins only" }).waitFor();
    await env.screenshot(page, "activity-member");
    await page.close();
  });

  it("pages through older activity", async () => {
    for (let i = 0; i < 55; i++) {
      const doc = await env.api("GET", "/v1/integrations", env.adminToken);
      const version = (doc.json as { metadata_version: string }).metadata_version;
      const res = await env.api("PUT", "/v1/integrations/tailscale/paging", env.adminToken, {
        metadata_version: version,
        spec: { oauth_client_id: `k-${i}`, tags: ["tag:paging"], enable_magic_dns: i % 2 === 0 },
      });
      assert.equal(res.status, 200, JSON.stringify(res.json));
    }
    const page = await env.open("/activity", env.adminToken);
    const rows = page.getByRole("table", { name: "Activity" }).locator("tbody tr");
    await page.getByRole("button", { name: "Older" }).waitFor();
    assert.equal(await rows.count(), 50);
    await page.getByRole("button", { name: "Older" }).click();
    await page.getByText("That is everything.").waitFor();
    assert.ok((await rows.count()) > 55);
    await page.close();
  });

  it("loads the workspace page without Content-Security-Policy violations", async () => {
    await env.assertCleanLoad(
      "/workspace",
      (page) => page.getByRole("heading", { name: "Workspace settings" }).waitFor(),
      env.adminToken,
    );
  });

  it("ran every test above without Content-Security-Policy violations", () => {
    assert.deepEqual(env.problems(), []);
  });
});

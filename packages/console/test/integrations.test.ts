import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { browserSkipReason } from "./support/browser.js";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

describe("console integrations page", { skip: browserSkipReason() }, () => {
  let env: ConsoleEnv;
  let page: Page;
  before(async () => {
    env = await startConsoleEnv();
    page = await env.open("/integrations", env.adminToken);
  });
  after(async () => {
    await env.close();
  });

  const listPlain = async (): Promise<string> => {
    const list = await env.nsc(env.adminToken, "integrations", "tailscale", "list");
    assert.equal(list.code, 0, list.stderr);
    return list.stdout;
  };

  it("shows the empty state before any spec exists", async () => {
    await page.getByText("No Tailscale specs yet").waitFor();
    await env.screenshot(page, "integrations-empty");
  });

  it("creates a spec through the form; the CLI lists it", async () => {
    await page.getByRole("button", { name: "New spec" }).click();
    await page.getByLabel("Name").fill("corp");
    await page.getByLabel("OAuth client ID").fill("k123");
    await page.getByLabel("Tags").fill("tag:namespace, tag:ci");
    await page.getByLabel("Magic DNS", { exact: true }).check();
    await env.screenshot(page, "integrations-new-spec");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: 'Saved Tailscale spec "corp".' }).waitFor();
    const row = page.getByRole("row", { name: /corp/u });
    assert.match(await row.innerText(), /k123/u);
    assert.equal(
      await listPlain(),
      "Tailscale integrations:\n\ncorp\n  OAuth Client ID: k123\n  Tags: tag:namespace, tag:ci\n  MagicDNS: Enabled\n\n",
    );
  });

  it("rejects an invalid tag with Tailscale's reason and saves nothing", async () => {
    await page.getByRole("button", { name: "New spec" }).click();
    await page.getByLabel("Name").fill("bad");
    await page.getByLabel("OAuth client ID").fill("k999");
    const tags = page.getByLabel("Tags");
    await tags.fill("ci");
    await page.getByText(`"ci": tags must start with 'tag:'`).waitFor();
    assert.equal(await tags.getAttribute("aria-invalid"), "true");
    await tags.fill("tag:9lives");
    await page.getByText(`"tag:9lives": tag names must start with a letter, after 'tag:'`).waitFor();
    await tags.fill("tag:ok, tag:no_underscores");
    await page
      .getByText(`"tag:no_underscores": tag names can only contain numbers, letters, or dashes`)
      .waitFor();
    await env.screenshot(page, "integrations-invalid-tag");
    await page.getByRole("button", { name: "Save" }).click();
    assert.equal(
      await tags.evaluate((el) => el === document.activeElement),
      true,
      "focus moves to the bad field",
    );
    await page.getByLabel("Name").fill("Bad Name");
    await page.getByText(/invalid spec name "Bad Name"/u).waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();
    assert.doesNotMatch(await listPlain(), /bad|Bad/u);
  });

  it("switches Magic DNS from the table; the CLI sees it", async () => {
    const toggle = page.getByRole("switch", { name: "Magic DNS for corp" });
    assert.equal(await toggle.isChecked(), true);
    await toggle.click();
    await page.getByRole("status").filter({ hasText: 'Magic DNS disabled for "corp".' }).waitFor();
    assert.equal(await toggle.isChecked(), false);
    assert.match(await listPlain(), /MagicDNS: Disabled/u);
    await toggle.click();
    await page.getByRole("status").filter({ hasText: 'Magic DNS enabled for "corp".' }).waitFor();
    assert.match(await listPlain(), /MagicDNS: Enabled/u);
  });

  it("says so on a version conflict, reloads, and does not overwrite the other change", async () => {
    await page.getByRole("button", { name: "Edit corp" }).click();
    await page.getByLabel("Tags").fill("tag:namespace, tag:ci, tag:from-console");
    const other = await env.nsc(
      env.adminToken,
      "integrations",
      "tailscale",
      "set",
      "corp",
      "--oauth-client-id",
      "k-from-cli",
      "--tag",
      "tag:cli",
    );
    assert.equal(other.code, 0, other.stderr);
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /Someone else changed the Tailscale specs/u })
      .waitFor();
    await page.getByRole("row", { name: /k-from-cli/u }).waitFor();
    await env.screenshot(page, "integrations-conflict");
    const list = await listPlain();
    assert.match(list, /OAuth Client ID: k-from-cli/u);
    assert.match(list, /Tags: tag:cli\n/u);
    await page.getByRole("button", { name: "Cancel" }).click();
  });

  it("removes a spec after a confirmation naming it", async () => {
    const created = await env.nsc(
      env.adminToken,
      "integrations",
      "tailscale",
      "set",
      "staging",
      "--oauth-client-id",
      "k-stage",
      "--tag",
      "tag:staging",
    );
    assert.equal(created.code, 0, created.stderr);
    await page.reload();
    await page.getByRole("button", { name: "Remove staging" }).click();
    const dialog = page.getByRole("dialog", { name: 'Remove Tailscale spec "staging"?' });
    await dialog.waitFor();
    await env.screenshot(page, "integrations-remove-confirm");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    assert.match(await listPlain(), /staging/u);
    await page.getByRole("button", { name: "Remove staging" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await page.getByRole("status").filter({ hasText: 'Removed Tailscale spec "staging".' }).waitFor();
    assert.doesNotMatch(await listPlain(), /staging/u);
    await env.screenshot(page, "integrations");
  });

  it("shows the spec changes on the Activity page", async () => {
    await page.getByRole("link", { name: "Activity" }).click();
    await page.getByRole("heading", { name: "Activity" }).waitFor();
    const table = page.getByRole("table", { name: "Activity" });
    await table.getByText("tailscale_spec.removed").first().waitFor();
    assert.ok((await table.getByText("tailscale_spec.set").count()) >= 3);
    await page.getByLabel("Kind of event").selectOption("instance");
    await table.getByText("No events of this kind yet.").waitFor();
    await page.getByLabel("Kind of event").selectOption("tailscale_spec");
    await table.getByText("tailscale_spec.removed").first().waitFor();
    await env.screenshot(page, "activity");
  });

  it("loads the integrations page without Content-Security-Policy violations", async () => {
    await env.assertCleanLoad(
      "/integrations",
      (page) => page.getByRole("row", { name: /corp/u }).waitFor(),
      env.adminToken,
    );
  });

  it("ran every test above without Content-Security-Policy violations", () => {
    assert.deepEqual(env.problems(), []);
  });
});

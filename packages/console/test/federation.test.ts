import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { browserSkipReason } from "./support/browser.js";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

describe("console pages for devboxes, instances and issued tokens", { skip: browserSkipReason() }, () => {
  let env: ConsoleEnv;
  before(async () => {
    env = await startConsoleEnv();
    for (const name of ["corp", "lab"]) await env.setSpec(name, "tag:ci");
  });
  after(async () => {
    await env.close();
  });

  it("sets the devbox default spec and lock; the API reads them back", async () => {
    const page = await env.open("/devboxes", env.adminToken);
    const select = page.getByLabel("Default Tailscale spec");
    await select.waitFor();
    assert.equal(await select.inputValue(), "");
    await select.selectOption("lab");
    await page.getByLabel("Locked", { exact: true }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved the devbox defaults." }).waitFor();
    const res = await env.api("GET", "/v1/devbox/defaults", env.adminToken);
    assert.deepEqual(res.json, { tailscale_spec: "lab", locked: true });
    await env.screenshot(page, "devboxes");

    await select.selectOption("");
    await page.getByLabel("Locked", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved the devbox defaults." }).waitFor();
    assert.deepEqual((await env.api("GET", "/v1/devbox/defaults", env.adminToken)).json, {
      tailscale_spec: null,
      locked: false,
    });
    await page.close();
  });

  it("shows the server's error when the chosen spec was removed meanwhile", async () => {
    const temp = await env.nsc(
      env.adminToken,
      "integrations",
      "tailscale",
      "set",
      "temp",
      "--oauth-client-id",
      "k-temp",
      "--tag",
      "tag:ci",
    );
    assert.equal(temp.code, 0, temp.stderr);
    const page = await env.open("/devboxes", env.adminToken);
    await page.getByLabel("Default Tailscale spec").selectOption("temp");
    const removed = await env.nsc(env.adminToken, "integrations", "tailscale", "remove", "temp");
    assert.equal(removed.code, 0, removed.stderr);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").filter({ hasText: /temp/u }).waitFor();
    assert.match(await page.getByRole("alert").innerText(), /not found/u);
    await page.close();
  });

  it("lists instances and destroys one after a confirmation", async () => {
    const page = await env.open("/instances", env.adminToken);
    await page.getByText("No instances yet.").waitFor();
    await env.screenshot(page, "instances-empty");

    const launcher = await env.createToken("launcher");
    const created = await env.api("POST", "/v1/instances", launcher, {
      kind: "generic",
      tailscale_spec: "corp",
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = (created.json as { instance: { id: string } }).instance.id;

    await page.reload();
    const row = page.getByRole("row", { name: new RegExp(id, "u") });
    await row.waitFor();
    assert.match(await row.innerText(), /generic/u);
    assert.match(await row.innerText(), /corp/u);
    await env.screenshot(page, "instances");

    await page.getByRole("button", { name: `Destroy ${id}` }).click();
    const dialog = page.getByRole("dialog", { name: `Destroy instance "${id}"?` });
    await dialog.getByRole("button", { name: "Destroy" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Destroyed instance ${id}.` })
      .waitFor();
    const after = await env.api("GET", `/v1/instances/${id}`, env.adminToken);
    assert.notEqual(
      (after.json as { instance: { destroyed_at: string | null } }).instance.destroyed_at,
      null,
    );
    await page.close();
  });

  it("shows an issued ID token in Activity", async () => {
    const created = await env.api("POST", "/v1/instances", env.adminToken, { kind: "generic" });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const workload = (created.json as { workload_token: string }).workload_token;
    const issued = await env.api("POST", "/v1/id-token", workload, { audience: "sts.amazonaws.com" });
    assert.equal(issued.status, 200, JSON.stringify(issued.json));

    const page = await env.open("/activity", env.adminToken);
    await page.getByLabel("Kind of event").selectOption("id_token");
    const table = page.getByRole("table", { name: "Activity" });
    await table.getByText("id_token.issued").waitFor();
    assert.match(await table.innerText(), /sts\.amazonaws\.com/u);
    await env.screenshot(page, "activity-id-token");
    await page.close();
  });

  it("shows a clean error state when an endpoint is missing", async () => {
    const page = await env.open("/workspace", env.adminToken);
    await page.route("**/v1/instances", (route) =>
      route.fulfill({
        status: 404,
        contentType: "application/json",
        body: JSON.stringify({
          error: { code: "route_not_found", message: "no route for GET /v1/instances" },
        }),
      }),
    );
    await page.getByRole("link", { name: "Instances" }).click();
    const alert = page.getByRole("alert");
    await alert.filter({ hasText: "This nsc-server does not list instances yet." }).waitFor();
    assert.match(await alert.innerText(), /no route for GET \/v1\/instances/u);
    await page.getByRole("button", { name: "Try again" }).waitFor();
    await env.screenshot(page, "instances-missing-endpoint");
    await page.close();
  });

  it("sets a locked default that `nsc devbox create` obeys over the file's own spec", async () => {
    const page = await env.open("/devboxes", env.adminToken);
    const select = page.getByLabel("Default Tailscale spec");
    await select.waitFor();
    await select.selectOption("lab");
    await page.getByLabel("Locked", { exact: true }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved the devbox defaults." }).waitFor();
    await page.close();

    const file = join(mkdtempSync(join(tmpdir(), "nsc-devbox-")), "devbox.yaml");
    writeFileSync(
      file,
      "name: locked-box\nimage: ubuntu:24.04\nsize: S\nintegrations:\n  tailscale:\n    spec: corp\n",
    );
    const created = await env.nsc(env.adminToken, "devbox", "create", "--from", file, "-o", "json");
    assert.equal(created.code, 0, created.stderr);
    const { instance } = JSON.parse(created.stdout) as {
      instance: { tailscale_spec: string; spec_source: string };
    };
    assert.deepEqual([instance.tailscale_spec, instance.spec_source], ["lab", "locked_default"]);
  });

  it("loads the devboxes and instances pages without Content-Security-Policy violations", async () => {
    await env.assertCleanLoad(
      "/devboxes",
      (page) => page.getByRole("heading", { name: "Devboxes" }).waitFor(),
      env.adminToken,
    );
    await env.assertCleanLoad(
      "/instances",
      (page) => page.getByRole("table", { name: "Instances" }).waitFor(),
      env.adminToken,
    );
  });

  it("ran every test above without Content-Security-Policy violations", () => {
    assert.deepEqual(env.problems(), []);
  });
});

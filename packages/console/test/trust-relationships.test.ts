import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { browserSkipReason } from "./support/browser.js";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/** A relationship as the API returns it (the fields these tests look at). */
interface Relationship {
  readonly name: string;
  readonly issuer: string;
  readonly audience: string;
  readonly subject_match: string;
  readonly claims: readonly { readonly claim: string; readonly pattern: string }[];
  readonly jwks: { readonly keys: readonly unknown[] } | null;
  readonly kind: string;
  readonly tailscale_spec: string | null;
  readonly allow_labels: readonly string[];
  readonly instance_ttl_secs: number;
}

/** A cluster issuer that nsc-server cannot reach, so its JWKS is given with the relationship. */
const CLUSTER_ISSUER = "https://kubernetes.default.svc.cluster.local";

function publicJwks(): { keys: unknown[] } {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { keys: [{ ...publicKey.export({ format: "jwk" }), kid: "cluster-1", use: "sig", alg: "RS256" }] };
}

describe("console trust relationships on the Workspace page", { skip: browserSkipReason() }, () => {
  let env: ConsoleEnv;
  const jwks = publicJwks();

  const relationships = async (): Promise<readonly Relationship[]> => {
    const res = await env.api("GET", "/v1/trust-relationships", env.adminToken);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return (res.json as { trust_relationships: Relationship[] }).trust_relationships;
  };
  /** POSTs and PUTs to the trust relationship routes a page sent. */
  const watchWrites = (page: Page): string[] => {
    const writes: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/v1/trust-relationships") && request.method() !== "GET") {
        writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
      }
    });
    return writes;
  };
  const openForm = async (page: Page): Promise<Locator> => {
    await page.getByRole("button", { name: "Add trust relationship" }).click();
    const form = page.getByRole("form", { name: "New trust relationship" });
    await form.waitFor();
    return form;
  };

  before(async () => {
    env = await startConsoleEnv();
    for (const name of ["corp", "lab"]) await env.setSpec(name, "tag:ci");
  });
  after(async () => {
    await env.close();
  });

  it("adds a relationship from the form; the API and `nsc auth trust-relationships list` read it back", async () => {
    const page = await env.open("/workspace", env.adminToken);
    await page
      .getByRole("table", { name: "Trust relationships" })
      .getByText("No trust relationships yet")
      .waitFor();
    const form = await openForm(page);
    await form.getByLabel("Name", { exact: true }).fill("arc-runners");
    await form.getByLabel("Issuer", { exact: true }).fill(CLUSTER_ISSUER);
    await form.getByLabel("Audience", { exact: true }).fill("nsc");
    await form.getByLabel("Subject pattern").fill("system:serviceaccount:arc-runners:*");
    await form.getByLabel("Claim path 1").fill("kubernetes.io.namespace");
    await form.getByLabel("Claim pattern 1").fill("arc-runners");
    await form.getByRole("button", { name: "Add claim rule" }).click();
    await form.getByLabel("Claim path 2").fill("kubernetes.io.serviceaccount.name");
    await form.getByLabel("Claim pattern 2").fill("runner-*");
    await form.getByLabel("Grants an instance of kind").selectOption("runner");
    await form.getByLabel("Allowed runner labels").fill("namespace-profile-*, self-hosted");
    await form.getByLabel("Instance lifetime (seconds)").fill("1800");
    await form.getByLabel("Issuer's JWKS (optional)").fill(JSON.stringify(jwks));
    await env.screenshot(page, "trust-relationship-form");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: 'Added trust relationship "arc-runners".' }).waitFor();

    const row = page.getByRole("row", { name: /arc-runners/u });
    const text = await row.innerText();
    for (const shown of [
      CLUSTER_ISSUER,
      "Audience: nsc",
      "system:serviceaccount:arc-runners:*",
      "kubernetes.io.namespace=arc-runners",
      "kubernetes.io.serviceaccount.name=runner-*",
      "runner, spec from the job's labels",
      "Allowed labels: namespace-profile-*, self-hosted",
      "JWKS: given with the relationship",
      "30 min",
    ]) {
      assert.ok(text.includes(shown), `the row shows ${shown}: ${text}`);
    }
    await env.screenshot(page, "trust-relationships");

    const [saved] = await relationships();
    assert.deepEqual(
      { ...saved, jwks: saved?.jwks?.keys.length },
      {
        ...saved,
        name: "arc-runners",
        issuer: CLUSTER_ISSUER,
        audience: "nsc",
        subject_match: "system:serviceaccount:arc-runners:*",
        claims: [
          { claim: "kubernetes.io.namespace", pattern: "arc-runners" },
          { claim: "kubernetes.io.serviceaccount.name", pattern: "runner-*" },
        ],
        jwks: 1,
        kind: "runner",
        tailscale_spec: null,
        allow_labels: ["namespace-profile-*", "self-hosted"],
        instance_ttl_secs: 1800,
      },
    );
    const listed = await env.nsc(env.adminToken, "auth", "trust-relationships", "list", "-o", "json");
    assert.equal(listed.code, 0, listed.stderr);
    const cli = JSON.parse(listed.stdout) as { trust_relationships: Relationship[] };
    assert.deepEqual(cli.trust_relationships, await relationships());
    await page.close();
  });

  it("edits a relationship: the changed fields are saved, the others kept", async () => {
    const page = await env.open("/workspace", env.adminToken);
    await page.getByRole("button", { name: "Edit arc-runners" }).click();
    const form = page.getByRole("form", { name: 'Edit trust relationship "arc-runners"' });
    await form.waitFor();
    assert.equal(await form.getByLabel("Name", { exact: true }).getAttribute("readonly"), "");
    assert.equal(await form.getByLabel("Claim pattern 2").inputValue(), "runner-*");
    await form.getByLabel("Audience", { exact: true }).fill("nsc-ci");
    await form.getByLabel("Tailscale spec").selectOption("corp");
    await form.getByRole("button", { name: "Remove claim rule 2" }).click();
    await form.getByLabel("Instance lifetime (seconds)").fill("7200");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: 'Saved trust relationship "arc-runners".' }).waitFor();
    await page
      .getByRole("row", { name: /arc-runners/u })
      .getByText("2 h")
      .waitFor();

    const saved = (await relationships()).find((r) => r.name === "arc-runners");
    assert.ok(saved !== undefined);
    assert.equal(saved.audience, "nsc-ci");
    assert.equal(saved.tailscale_spec, "corp");
    assert.equal(saved.instance_ttl_secs, 7200);
    assert.deepEqual(saved.claims, [{ claim: "kubernetes.io.namespace", pattern: "arc-runners" }]);
    assert.deepEqual(saved.jwks, jwks, "the JWKS is kept as it was");
    assert.deepEqual(saved.allow_labels, ["namespace-profile-*", "self-hosted"]);
    await page.close();
  });

  it("refuses bad input with the same message and code as the CLI, sending nothing", async () => {
    const page = await env.open("/workspace", env.adminToken);
    const writes = watchWrites(page);
    const form = await openForm(page);
    const cases: readonly {
      readonly what: string;
      readonly fill: (form: Locator) => Promise<void>;
      readonly flags: readonly string[];
      readonly field: string;
    }[] = [
      {
        what: "a subject pattern that matches every token, without claim rules",
        fill: async (f) => {
          await f.getByLabel("Subject pattern").fill("*");
        },
        flags: ["--subject-match", "*"],
        field: "Subject pattern",
      },
      {
        what: "plain http to a host that is not this machine",
        fill: async (f) => {
          await f.getByLabel("Issuer", { exact: true }).fill("http://issuer.example.com");
        },
        flags: ["--issuer", "http://issuer.example.com"],
        field: "Issuer",
      },
      {
        what: "an issuer at the cloud metadata address",
        fill: async (f) => {
          await f.getByLabel("Issuer", { exact: true }).fill("https://169.254.169.254");
        },
        flags: ["--issuer", "https://169.254.169.254"],
        field: "Issuer",
      },
      {
        what: "a reserved claim in a rule",
        fill: async (f) => {
          await f.getByLabel("Claim path 1").fill("sub");
          await f.getByLabel("Claim pattern 1").fill("x");
        },
        flags: ["--claim", "sub=x"],
        field: "Claim rules",
      },
      {
        what: "an instance lifetime over 24 hours",
        fill: async (f) => {
          await f.getByLabel("Instance lifetime (seconds)").fill("90000");
        },
        flags: ["--instance-ttl", "90000"],
        field: "Instance lifetime (seconds)",
      },
      {
        what: "allowed labels on a relationship that does not grant runners",
        fill: async (f) => {
          await f.getByLabel("Grants an instance of kind").selectOption("generic");
          await f.getByLabel("Tailscale spec").selectOption("corp");
        },
        flags: ["--kind", "generic", "--tailscale-spec", "corp"],
        field: "Allowed runner labels",
      },
    ];
    const good = {
      issuer: "https://token.actions.githubusercontent.com",
      audience: "nsc",
      subject: "repo:acme/app:*",
      labels: "namespace-profile-*",
    };
    const goodFlags: Readonly<Record<string, string>> = {
      "--issuer": good.issuer,
      "--audience": good.audience,
      "--subject-match": good.subject,
      "--kind": "runner",
      "--allow-label": good.labels,
    };
    for (const c of cases) {
      await form.getByLabel("Name", { exact: true }).fill("bad");
      await form.getByLabel("Issuer", { exact: true }).fill(good.issuer);
      await form.getByLabel("Audience", { exact: true }).fill(good.audience);
      await form.getByLabel("Subject pattern").fill(good.subject);
      await form.getByLabel("Claim path 1").fill("");
      await form.getByLabel("Claim pattern 1").fill("");
      await form.getByLabel("Grants an instance of kind").selectOption("runner");
      await form.getByLabel("Tailscale spec").selectOption("");
      await form.getByLabel("Allowed runner labels").fill(good.labels);
      await form.getByLabel("Instance lifetime (seconds)").fill("3600");
      await c.fill(form);
      await form.getByRole("button", { name: "Save" }).click();

      const flags = { ...goodFlags };
      for (let i = 0; i < c.flags.length; i += 2) flags[c.flags[i] ?? ""] = c.flags[i + 1] ?? "";
      const cli = await env.nsc(
        env.adminToken,
        "auth",
        "trust-relationships",
        "add",
        "bad",
        ...Object.entries(flags).flat(),
      );
      assert.notEqual(cli.code, 0, `${c.what}: the CLI refuses it`);
      const said = /^Error: (.+) \[([a-z_]+)\]$/mu.exec(cli.stderr);
      assert.ok(said !== null, `${c.what}: the CLI's error line: ${cli.stderr}`);
      const [, message = "", code = ""] = said;

      const field = form.getByLabel(c.field, { exact: true });
      const shown = `${message} (${code})`;
      await form.getByText(shown, { exact: true }).waitFor();
      if (c.field !== "Claim rules") assert.equal(await field.getAttribute("aria-invalid"), "true", c.what);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-invalid")), "true");
    }
    await env.screenshot(page, "trust-relationship-form-invalid");
    assert.deepEqual(writes, [], "nothing was sent for any bad input");
    assert.deepEqual(
      (await relationships()).map((r) => r.name),
      ["arc-runners"],
    );
    await page.close();
  });

  it("shows the server's message and code for what only the server can check", async () => {
    const page = await env.open("/workspace", env.adminToken);
    const writes = watchWrites(page);
    const form = await openForm(page);
    await form.getByLabel("Name", { exact: true }).fill("arc-runners");
    await form.getByLabel("Issuer", { exact: true }).fill(CLUSTER_ISSUER);
    await form.getByLabel("Audience", { exact: true }).fill("nsc");
    await form.getByLabel("Subject pattern").fill("system:serviceaccount:ci:runner");
    await form.getByLabel("Grants an instance of kind").selectOption("generic");
    await form.getByLabel("Tailscale spec").selectOption("lab");
    await form.getByLabel("Issuer's JWKS (optional)").fill(JSON.stringify(jwks));
    await form.getByRole("button", { name: "Save" }).click();
    const taken = page.getByRole("alert").filter({ hasText: "The trust relationship was not saved." });
    await taken.getByText("(trust_relationship_exists)").waitFor();

    // The spec is removed after the page listed it: only the server knows.
    const removed = await env.nsc(env.adminToken, "integrations", "tailscale", "remove", "lab");
    assert.equal(removed.code, 0, removed.stderr);
    await form.getByLabel("Name", { exact: true }).fill("ci-jobs");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").getByText("(spec_not_found)").waitFor();
    const direct = await env.api("POST", "/v1/trust-relationships", env.adminToken, {
      name: "ci-jobs",
      issuer: CLUSTER_ISSUER,
      audience: "nsc",
      subject_match: "system:serviceaccount:ci:runner",
      jwks,
      kind: "generic",
      tailscale_spec: "lab",
    });
    assert.equal(direct.status, 404);
    assert.equal((direct.json as { error: { code: string } }).error.code, "spec_not_found");
    const { message } = (direct.json as { error: { message: string } }).error;
    assert.ok(
      (await page.getByRole("alert").filter({ hasText: "not saved" }).innerText()).includes(message),
      "the console shows the server's own message",
    );
    assert.deepEqual(writes, ["POST /v1/trust-relationships", "POST /v1/trust-relationships"]);
    assert.equal(await form.isVisible(), true, "the form stays open with what was typed");
    await env.screenshot(page, "trust-relationship-server-error");
    await page.close();
  });

  it("members see the relationships read-only, with the reason", async () => {
    const member = await env.createToken("member");
    const page = await env.open("/workspace", member);
    await page.getByRole("row", { name: /arc-runners/u }).waitFor();
    await page.getByText("Read-only: your token has the member role").waitFor();
    for (const name of ["Add trust relationship", "Edit arc-runners", "Remove arc-runners"]) {
      const button = page.getByRole("button", { name });
      assert.equal(await button.isDisabled(), true, `${name} is disabled`);
      assert.equal(await button.getAttribute("aria-describedby"), "read-only-reason");
    }
    await env.screenshot(page, "trust-relationships-member");
    await page.close();
  });

  it("removes a relationship only after the confirmation", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "nsc-console-jwks-")), "jwks.json");
    writeFileSync(file, JSON.stringify(jwks));
    const added = await env.nsc(
      env.adminToken,
      "auth",
      "trust-relationships",
      "add",
      "gha",
      "--issuer",
      "https://token.actions.githubusercontent.com",
      "--audience",
      "nsc",
      "--subject-match",
      "repo:acme/*",
      "--jwks-file",
      file,
      "--kind",
      "generic",
      "--tailscale-spec",
      "corp",
    );
    assert.equal(added.code, 0, added.stderr);
    const page = await env.open("/workspace", env.adminToken);
    await page.getByRole("button", { name: "Remove gha" }).click();
    const dialog = page.getByRole("dialog", { name: 'Remove trust relationship "gha"?' });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    assert.deepEqual(
      (await relationships()).map((r) => r.name),
      ["arc-runners", "gha"],
    );
    await page.getByRole("button", { name: "Remove gha" }).click();
    await dialog.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("status").filter({ hasText: 'Removed trust relationship "gha".' }).waitFor();
    await page.getByRole("row", { name: /gha/u }).waitFor({ state: "detached" });
    assert.deepEqual(
      (await relationships()).map((r) => r.name),
      ["arc-runners"],
    );
    await page.close();
  });

  it("loads the workspace page with the relationships and the open form without Content-Security-Policy violations", async () => {
    await env.assertCleanLoad(
      "/workspace",
      async (page) => {
        await page.getByRole("row", { name: /arc-runners/u }).waitFor();
        await openForm(page);
      },
      env.adminToken,
    );
  });

  it("ran every test above without Content-Security-Policy violations", () => {
    assert.deepEqual(env.problems(), []);
  });
});

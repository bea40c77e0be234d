import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startInProcessServer, TEST_DATABASES, type InProcessServer } from "@nsc/server/testing";
import { cliEnv, runNsc, type RunResult } from "@nsc/testkit";
import { loginAsAdmin } from "./support/login-as-admin.js";

/**
 * Whole outputs of the commands upstream `nsc` has, byte for byte against the texts of
 * /work/shared/reference/nsc-conventions.md (each test names the line it pins). Scripts diff these.
 */
for (const database of TEST_DATABASES) {
  describe(`upstream's bytes from integrations tailscale, workspace describe and auth issue-id-token (server on ${database.name})`, () => {
    let server: InProcessServer;
    let env: NodeJS.ProcessEnv;
    const nsc = (...args: string[]): Promise<RunResult> => runNsc(args, { env });

    before(async () => {
      server = await startInProcessServer(database);
      ({ env } = await loginAsAdmin(server));
    });
    after(async () => {
      await server.close();
    });

    it("prints {} for a workspace that never had a spec", async () => {
      // "Every field is `omitempty`: an empty document prints `{}`".
      assert.deepEqual(await nsc("integrations", "tailscale", "list", "-o", "json"), {
        code: 0,
        stdout: "{}\n",
        stderr: "",
      });
    });

    it("prints the whole document, 2-space indented, for set, list and remove, and only the version once empty", async () => {
      // "`-o json` (for list, set and remove) prints the whole integrations document, 2-space indented".
      const one =
        '{\n  "metadata_version": "1",\n  "tailscale": {\n    "corp": {\n      "oauth_client_id": "k123",\n' +
        '      "tags": [\n        "tag:namespace",\n        "tag:ci"\n      ],\n      "enable_magic_dns": true\n    }\n  }\n}\n';
      assert.deepEqual(
        await nsc(
          ...["integrations", "tailscale", "set", "corp", "--oauth-client-id", "k123"],
          ...["--tag", "tag:namespace", "--tag", "tag:ci", "--enable-magic-dns", "-o", "json"],
        ),
        { code: 0, stdout: one, stderr: "" },
      );
      assert.deepEqual(await nsc("integrations", "tailscale", "list", "-o", "json"), {
        code: 0,
        stdout: one,
        stderr: "",
      });
      // "after the last spec is removed `{"metadata_version": "N"}`".
      const emptied = '{\n  "metadata_version": "2"\n}\n';
      assert.deepEqual(await nsc("integrations", "tailscale", "remove", "corp", "-o", "json"), {
        code: 0,
        stdout: emptied,
        stderr: "",
      });
      assert.deepEqual(await nsc("integrations", "tailscale", "list", "-o", "json"), {
        code: 0,
        stdout: emptied,
        stderr: "",
      });
      // "Empty: `No Tailscale integrations configured.`"
      assert.deepEqual(await nsc("integrations", "tailscale", "list"), {
        code: 0,
        stdout: "No Tailscale integrations configured.\n",
        stderr: "",
      });
    });

    it("describes the workspace in upstream's plain layout and JSON keys, and -k with upstream's two errors", async () => {
      const workspace = (await (
        await fetch(`${server.url}/v1/workspace`, {
          headers: { authorization: `Bearer ${server.adminToken}` },
        })
      ).json()) as { id: string; created_at: string; issuer_url: string };
      const id = workspace.id;
      // "Plain: (blank line) Workspace details: (blank line) Name: acme / Tenant ID: 1a2b3c".
      const plain = `\nWorkspace details:\n\nName: default\nTenant ID: ${id}\n`;
      assert.deepEqual(await nsc("workspace", "describe"), { code: 0, stdout: plain, stderr: "" });
      // "An unknown `-o` falls back to plain."
      assert.deepEqual(await nsc("workspace", "describe", "-o", "yaml"), {
        code: 0,
        stdout: plain,
        stderr: "",
      });
      // "JSON: `tenant_id`, `name`, `app_url`, `primary_region`, `registry_url`" (those with a value), then ours.
      assert.deepEqual(await nsc("workspace", "describe", "-o", "json"), {
        code: 0,
        stdout:
          `{\n  "tenant_id": "${id}",\n  "name": "default",\n  "app_url": "${server.url}",\n  "id": "${id}",\n` +
          `  "created_at": "${workspace.created_at}",\n  "role": "admin",\n  "issuer_url": "${workspace.issuer_url}",\n` +
          `  "subject_pattern": "${id}/*"\n}\n`,
        stderr: "",
      });
      // "`-k/--key KEY` prints one field of the JSON".
      assert.deepEqual(await nsc("workspace", "describe", "-o", "json", "-k", "tenant_id"), {
        code: 0,
        stdout: `${id}\n`,
        stderr: "",
      });
      assert.deepEqual(await nsc("workspace", "describe", "--output=json", "--key", "name"), {
        code: 0,
        stdout: "default\n",
        stderr: "",
      });
      // "(`--key requires --output=json`; `selected json key "x" not found in response`)", exit 1 as upstream.
      assert.deepEqual(await nsc("workspace", "describe", "-k", "name"), {
        code: 1,
        stdout: "",
        stderr: "Error: --key requires --output=json [invalid_request]\n",
      });
      assert.deepEqual(await nsc("workspace", "describe", "-o", "json", "-k", "x"), {
        code: 1,
        stdout: "",
        stderr: `${JSON.stringify({ error: { code: "not_found", message: 'selected json key "x" not found in response' } })}\n`,
      });
    });

    it("issues ID tokens with upstream's texts: plain with its empty line, a warning for another -o, the audience error", async () => {
      const registered = await fetch(`${server.url}/v1/instances`, {
        method: "POST",
        headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({ kind: "generic" }),
      });
      assert.equal(registered.status, 201, await registered.clone().text());
      const { workload_token } = (await registered.json()) as { workload_token: string };
      const tokenFile = join(mkdtempSync(join(tmpdir(), "nsc-upstream-")), "token.json");
      writeFileSync(tokenFile, JSON.stringify({ bearer_token: workload_token, endpoint: server.url }), {
        mode: 0o600,
      });
      const workload = { env: { ...cliEnv(), NSC_TOKEN_FILE: tokenFile } };
      const issue = (...args: string[]): Promise<RunResult> =>
        runNsc(["auth", "issue-id-token", ...args], workload);
      const lifetime = (run: RunResult): number => {
        const jwt = /^ID token: ([\w-]+\.([\w-]+)\.[\w-]+)\n\n$/u.exec(run.stdout)?.[2] ?? "";
        const claims = JSON.parse(Buffer.from(jwt, "base64url").toString("utf8")) as {
          iat: number;
          exp: number;
        };
        return claims.exp - claims.iat;
      };

      // "An unknown `-o`: a warning `unsupported output "X", defaulting to plain` and plain output, exit 0";
      // "plain prints `ID token: <jwt>` followed by an empty line".
      const other = await issue("--audience", "sts.amazonaws.com", "-o", "yaml");
      assert.equal(other.code, 0, other.stderr);
      assert.equal(other.stderr, 'unsupported output "yaml", defaulting to plain\n');
      assert.match(other.stdout, /^ID token: eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+\n\n$/u);

      // "A missing audience: `ID token audience is not provided`", exit 1 as upstream.
      const none = {
        code: 1,
        stdout: "",
        stderr: "Error: ID token audience is not provided [invalid_audience]\n",
      };
      assert.deepEqual(await issue(), none);
      assert.deepEqual(await issue("--audience", ""), none);

      // "`--duration` takes Go durations plus `d`, `w`, `y` and fractions (`1.5h`, `1w`); a bare number other
      // than `0` is rejected; 0 = server default."
      assert.equal(lifetime(await issue("--audience", "a", "--duration", "0.5h")), 1800);
      assert.equal(lifetime(await issue("--audience", "a", "--duration", "1h")), 3600);
      assert.equal(lifetime(await issue("--audience", "a", "--duration", "1m30s")), 90);
      assert.equal(lifetime(await issue("--audience", "a", "--duration", "0")), 600, "the server's default");
      assert.equal(lifetime(await issue("--audience", "a")), 600);
      assert.deepEqual(await issue("--audience", "a", "--duration", "90"), {
        code: 1,
        stdout: "",
        stderr:
          'Error: invalid --duration "90": missing unit in duration; use a duration such as 10m, 1.5h, 1d or 1w (0 for the server\'s default) [invalid_duration]\n',
      });
      const week = await issue("--audience", "a", "--duration", "1w");
      assert.equal(week.code, 1, "1w parses, and is longer than the server allows");
      assert.match(week.stderr, /^Error: .*604800.*3600.* \[invalid_duration\]\n$/u);
    });
  });
}

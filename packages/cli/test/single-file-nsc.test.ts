import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startServer, type ServerProcess } from "@nsc/testkit";

const BUNDLE = new URL("../dist/bundle/nsc.mjs", import.meta.url).pathname;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the single-file `nsc` as a runner image would: copied alone into a folder of its own, started by
 * node's absolute path from an empty working directory under `env -i PATH=/usr/bin:/bin` plus `vars`.
 */
function runSingleFile(
  file: string,
  cwd: string,
  vars: Readonly<Record<string, string>>,
  args: string[],
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const assignments = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
    const child = spawn(
      "/usr/bin/env",
      ["-i", "PATH=/usr/bin:/bin", ...assignments, process.execPath, file, ...args],
      {
        cwd,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

void describe("the single-file nsc (dist/bundle/nsc.mjs) on a host with Node and nothing else", () => {
  let server: ServerProcess;
  let root: string;
  let file: string;
  let cwd: string;
  let vars: Record<string, string>;
  let stub: string;

  before(async () => {
    server = await startServer();
    root = mkdtempSync(join(tmpdir(), "nsc-single-"));
    // The file alone: no node_modules, no package.json beside it.
    mkdirSync(join(root, "opt"));
    file = join(root, "opt", "nsc.mjs");
    copyFileSync(BUNDLE, file);
    cwd = join(root, "empty");
    mkdirSync(cwd);
    const home = join(root, "home");
    mkdirSync(home);

    const admin = server.adminToken();
    const put = await fetch(`${server.url}/v1/integrations/tailscale/corp`, {
      method: "PUT",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({
        metadata_version: "0",
        spec: { oauth_client_id: "kSingleFile", tags: ["tag:ci"], enable_magic_dns: true },
      }),
    });
    assert.equal(put.status, 200);
    const registered = await fetch(`${server.url}/v1/instances`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "generic", tailscale_spec: "corp" }),
    });
    assert.equal(registered.status, 201);
    const { workload_token } = (await registered.json()) as { workload_token: string };
    const secrets = join(root, "secrets");
    mkdirSync(secrets, { mode: 0o700 });
    writeFileSync(join(secrets, "admin-token"), admin, { mode: 0o600 });
    writeFileSync(
      join(secrets, "token.json"),
      JSON.stringify({ bearer_token: workload_token, endpoint: server.url }),
      {
        mode: 0o600,
      },
    );
    // A `tailscale` that only knows its version: enough for a dry run.
    stub = join(root, "tailscale");
    writeFileSync(stub, '#!/bin/sh\n[ "$1" = version ] && { echo 1.92.3; exit 0; }\nexit 9\n');
    chmodSync(stub, 0o755);
    vars = {
      HOME: home,
      NSC_TOKEN_FILE: join(secrets, "token.json"),
      NSC_METADATA_DIR: join(root, "no-metadata"),
    };

    const login = await runSingleFile(file, cwd, vars, [
      "login",
      "--endpoint",
      server.url,
      "--token-file",
      join(secrets, "admin-token"),
    ]);
    assert.equal(login.code, 0, login.stderr);
  });
  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  void it("prints its help", async () => {
    const help = await runSingleFile(file, cwd, vars, ["--help"]);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage: nsc \[options\] \[command\]/u);
  });

  void it("lists the Tailscale integrations of the server", async () => {
    const list = await runSingleFile(file, cwd, vars, ["integrations", "tailscale", "list"]);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(
      list.stdout,
      "Tailscale integrations:\n\ncorp\n  OAuth Client ID: kSingleFile\n  Tags: tag:ci\n  MagicDNS: Enabled\n\n",
    );
  });

  void it("plans the join with tailscale up --dry-run", async () => {
    const up = await runSingleFile(file, cwd, vars, [
      "tailscale",
      "up",
      "--dry-run",
      "--tailscale-bin",
      stub,
    ]);
    assert.equal(up.code, 0, up.stderr);
    assert.ok(up.stdout.startsWith(`${stub} up `), up.stdout);
    assert.ok(up.stdout.includes("--client-id=kSingleFile?preauthorized=true&ephemeral=true"), up.stdout);
    assert.ok(up.stdout.includes("--advertise-tags=tag:ci"), up.stdout);
  });

  void it("leaves the working directory as it found it", () => {
    assert.deepEqual(readdirSync(cwd), []);
  });
});

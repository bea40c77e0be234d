import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TAILSCALE_BIN } from "../standin/bin-paths.js";
import { startTailscaleEmulator } from "../emulator/start-tailscale-emulator.js";
import { runNode } from "../processes/nsc-processes.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const NSC = join(ROOT, "packages/cli/bin/nsc.js");
const NSC_SERVER = join(ROOT, "packages/server/bin/nsc-server.js");

/**
 * `npm run demo`: the whole flow on one machine — an nsc server, the Tailscale emulator standing in for
 * Tailscale's control plane, a spec and a trust credential, a runner registered from a `runs-on` label and
 * a devbox from a spec file, both joined with the stand-in `tailscale` command, the devices shown with
 * their tags and Magic DNS setting, then both leaving. Everything lives in a temporary directory that is
 * removed at the end.
 */
async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "nsc-demo-"));
  const emulator = await startTailscaleEmulator({
    adminApiKey: "demo-admin",
    allowInsecureLoopbackIssuer: true,
  });
  const server = spawn(
    process.execPath,
    [NSC_SERVER, "--listen", "127.0.0.1:0", "--data-dir", join(work, "server")],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  try {
    const url = await serverUrl(server);
    step(
      `nsc-server is listening on ${url} (SQLite in ${join(work, "server")}); the Tailscale emulator on ${emulator.url}`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, NSC_CONFIG_DIR: join(work, "cli") };
    const nsc = async (args: readonly string[], extra: NodeJS.ProcessEnv = {}): Promise<string> => {
      process.stdout.write(`\n$ nsc ${args.map(quote).join(" ")}\n`);
      const result = await runNode(NSC, args, { ...env, ...extra });
      process.stdout.write(result.stdout + result.stderr);
      if (result.code !== 0) throw new Error(`nsc ${args.join(" ")} failed`);
      return result.stdout;
    };

    await nsc(["login", "--endpoint", url, "--token-file", join(work, "server", "bootstrap-admin-token")]);
    const workspace = JSON.parse(await nsc(["workspace", "describe", "-o", "json"])) as {
      id: string;
      issuer_url: string;
    };

    step("In Tailscale, an admin creates a trust credential for this issuer and workspace:");
    const credential = emulator.createTrustCredential({
      issuer: workspace.issuer_url,
      subject: `${workspace.id}/*`,
      scopes: ["auth_keys"],
      tags: ["tag:namespace", "tag:ci"],
      description: "nsc demo",
    });
    process.stdout.write(
      `  issuer ${credential.issuer}\n  subject ${credential.subject}\n  tags ${credential.tags.join(", ")}\n  client ID ${credential.clientId}\n`,
    );

    await nsc([
      "integrations",
      "tailscale",
      "set",
      "corp",
      "--oauth-client-id",
      credential.clientId,
      "--tag",
      "tag:namespace",
      "--tag",
      "tag:ci",
      "--enable-magic-dns",
      "--login-server",
      emulator.url,
    ]);
    await nsc(["integrations", "tailscale", "list"]);

    step("A CI runner is registered from its job's runs-on labels:");
    const runnerToken = join(work, "runner-token.json");
    await nsc([
      "instances",
      "create",
      "--kind",
      "runner",
      "--label",
      "namespace-profile-linux;tailscale.spec=corp",
      "--label",
      "nscloud-ubuntu-22.04-amd64-4x16",
      "--token-file",
      runnerToken,
    ]);

    step("A devbox is registered from its spec file:");
    const devboxFile = join(work, "devbox.yaml");
    writeFileSync(
      devboxFile,
      "name: alice-box\nimage: ubuntu:24.04\nsize: M\nintegrations:\n  tailscale:\n    spec: corp\n",
    );
    process.stdout.write(readFileSync(devboxFile, "utf8"));
    const devboxToken = join(work, "devbox-token.json");
    await nsc(["devbox", "create", "--from", devboxFile, "--token-file", devboxToken]);

    step(
      "Inside each workload, the agent joins the tailnet with a fresh ID token (no Tailscale secret stored):",
    );
    const workload = (tokenFile: string, name: string): NodeJS.ProcessEnv => ({
      NSC_ENDPOINT: url,
      NSC_TOKEN_FILE: tokenFile,
      TESTKIT_TAILSCALE_STATE_DIR: join(work, `tailscale-${name}`),
    });
    await nsc(
      ["tailscale", "up", "--tailscale-bin", TAILSCALE_BIN, "--dry-run"],
      workload(runnerToken, "runner"),
    );
    await nsc(
      ["runner", "hook", "job-started", "--tailscale-bin", TAILSCALE_BIN],
      workload(runnerToken, "runner"),
    );
    await nsc(["tailscale", "up", "--tailscale-bin", TAILSCALE_BIN], workload(devboxToken, "devbox"));

    step("Tailscale's device list now shows both, tagged and ephemeral:");
    printDevices(emulator.state.devices());

    step("The runner's job ends and the devbox leaves: ephemeral devices go at once.");
    await nsc(
      ["runner", "hook", "job-completed", "--tailscale-bin", TAILSCALE_BIN],
      workload(runnerToken, "runner"),
    );
    await nsc(
      ["runner", "hook", "job-completed", "--tailscale-bin", TAILSCALE_BIN],
      workload(devboxToken, "devbox"),
    );
    printDevices(emulator.state.devices());
    await nsc(["audit", "list", "--limit", "8"]);
  } finally {
    server.kill("SIGTERM");
    await emulator.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function step(text: string): void {
  process.stdout.write(`\n== ${text}\n`);
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/u.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

function printDevices(
  devices: readonly { hostname: string; tags: readonly string[]; ephemeral: boolean; acceptDns: boolean }[],
): void {
  if (devices.length === 0) process.stdout.write("  (no devices)\n");
  for (const d of devices) {
    process.stdout.write(
      `  ${d.hostname.padEnd(28)} tags=${d.tags.join(",")} ephemeral=${String(d.ephemeral)} magic-dns=${String(d.acceptDns)}\n`,
    );
  }
}

function serverUrl(server: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = "";
    const onData = (d: Buffer): void => {
      err += d.toString();
      const match = /"msg":"listening","url":"([^"]+)"/u.exec(err);
      if (match?.[1] !== undefined) {
        server.stderr?.off("data", onData);
        server.stderr?.resume();
        resolve(match[1]);
      }
    };
    server.stderr?.on("data", onData);

    server.once("exit", (code) => {
      reject(new Error(`nsc-server exited with ${String(code)}: ${err}`));
    });
  });
}

await main();

import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TEST_DATABASES } from "../../server/src/test-support/test-databases.js";
import {
  NSC_BIN,
  NSC_SERVER_BIN,
  cliEnv,
  runNode,
  startServer,
  type RunResult,
  type ServerProcess,
} from "@nsc/testkit";

/**
 * The thin real-process layer: the `nsc` and `nsc-server` binaries themselves, their argv, exit codes and
 * file modes, and the stand-in `tailscale` run as a process by the agent. Every behaviour is tested
 * in-process (the other files of this folder); here one or two cases per command family prove that the
 * binaries run the same code.
 */
for (const database of TEST_DATABASES) {
  describe(`nsc and nsc-server binaries on ${database.name}`, () => {
    let db: { url: string | undefined; drop(): Promise<void> };
    let server: ServerProcess;
    let env: NodeJS.ProcessEnv;
    const nsc = (...args: string[]): Promise<RunResult> => runNode(NSC_BIN, args, env);

    before(async () => {
      db =
        database.name === "sqlite"
          ? { url: undefined, drop: () => Promise.resolve() }
          : await database.create();
      server = await startServer(db.url === undefined ? {} : { databaseUrl: db.url });
      env = cliEnv();
    });
    after(async () => {
      await server.stop();
      await db.drop();
    });

    it("logs in from standard input and saves the login with mode 0600 in a 0700 folder", async () => {
      const login = await runNode(
        NSC_BIN,
        ["login", "--endpoint", server.url, "--token", "-"],
        env,
        server.adminToken(),
      );
      assert.equal(login.code, 0, login.stderr);
      const dir = env.NSC_CONFIG_DIR ?? "";
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      assert.equal(statSync(join(dir, "config.json")).mode & 0o777, 0o600);
    });

    it("sets and lists a spec; a failure is one line on stderr with its documented exit code", async () => {
      // integrations tailscale exits 1 on every failure, as upstream; nsc's own commands keep distinct codes.
      const set = await nsc(
        "integrations",
        "tailscale",
        "set",
        "corp",
        "--oauth-client-id",
        "k123",
        "--tag",
        "tag:ci",
      );
      assert.deepEqual(set, { code: 0, stdout: 'Updated Tailscale integration "corp".\n', stderr: "" });
      const list = await nsc("integrations", "tailscale", "list");
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /^Tailscale integrations:\n\ncorp\n/u);
      const removed = await nsc("integrations", "tailscale", "remove", "nope");
      assert.equal(removed.code, 1, "not found, upstream's status");
      assert.equal(removed.stdout, "");
      assert.match(removed.stderr, /^Error: tailscale integration "nope" not found \[spec_not_found\]\n$/u);
      const usage = await nsc("integrations", "tailscale", "set");
      assert.equal(usage.code, 1, "usage, upstream's status");
      assert.match(
        usage.stderr,
        /^Error: missing required argument 'name' \(see --help\) \[invalid_usage\]\n$/u,
      );
      const revoke = await nsc("tokens", "revoke", "tk-aaaaaaaaaaaaaaaa");
      assert.equal(revoke.code, 4, "not found, for a command of nsc's own");
      assert.match(revoke.stderr, /^Error: .* \[[a-z_]*not_found\]\n$/u);
      const flag = await nsc("tokens", "list", "--bogus");
      assert.deepEqual(flag, {
        code: 2,
        stdout: "",
        stderr: "Error: unknown option '--bogus' (see --help) [invalid_usage]\n",
      });
    });

    it("keeps every spec across a graceful restart and a kill -9, and bootstraps only once", async () => {
      await nsc(
        "integrations",
        "tailscale",
        "set",
        "durable",
        "--oauth-client-id",
        "kd",
        "--tag",
        "tag:d",
        "--enable-magic-dns",
      );
      const before = (await nsc("integrations", "tailscale", "list", "-o", "json")).stdout;
      assert.equal(await server.stop("SIGTERM"), 0, "graceful shutdown exits 0");
      server = await startServer({
        dataDir: server.dataDir,
        ...(db.url === undefined ? {} : { databaseUrl: db.url }),
      });
      assert.equal(server.stdout(), "", "no second bootstrap");
      env = { ...env, NSC_ENDPOINT: server.url };
      assert.equal((await nsc("integrations", "tailscale", "list", "-o", "json")).stdout, before);

      // An acknowledged write survives a process killed without warning.
      await nsc("integrations", "tailscale", "set", "acked", "--oauth-client-id", "ka", "--tag", "tag:a");
      const acked = (await nsc("integrations", "tailscale", "list", "-o", "json")).stdout;
      await server.stop("SIGKILL");
      server = await startServer({
        dataDir: server.dataDir,
        ...(db.url === undefined ? {} : { databaseUrl: db.url }),
      });
      env = { ...env, NSC_ENDPOINT: server.url };
      assert.equal((await nsc("integrations", "tailscale", "list", "-o", "json")).stdout, acked);
    });

    it("creates another workspace with nsc-server workspace create, isolated from the first", async () => {
      const args = ["workspace", "create", "--name", "acme", "-o", "json", "--data-dir", server.dataDir];
      if (db.url !== undefined) args.push("--database-url", db.url);
      const created = await runNode(NSC_SERVER_BIN, args, process.env);
      assert.equal(created.code, 0, created.stderr);
      const { id, admin_token: adminToken } = JSON.parse(created.stdout) as {
        id: string;
        admin_token: string;
      };
      const acmeEnv = { ...cliEnv(), NSC_ENDPOINT: server.url, NSC_TOKEN: adminToken };
      const acmeList = await runNode(NSC_BIN, ["integrations", "tailscale", "list"], acmeEnv);
      assert.equal(acmeList.stdout, "No Tailscale integrations configured.\n", acmeList.stderr);
      const info = JSON.parse(
        (await runNode(NSC_BIN, ["workspace", "describe", "-o", "json"], acmeEnv)).stdout,
      ) as { tenant_id: string };
      assert.equal(info.tenant_id, id);
    });
  });
}

describe("--help of the binaries", () => {
  it("works for nsc", async () => {
    const result = await runNode(NSC_BIN, ["--help"], cliEnv());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Usage: nsc/u);
  });
  it("works for nsc-server", async () => {
    const result = await runNode(NSC_SERVER_BIN, ["--help"], process.env);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /--database-url/u);
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  startInProcessServer,
  type InProcessServer,
} from "../../server/src/test-support/start-in-process-server.js";
import { TEST_DATABASES } from "../../server/src/test-support/test-databases.js";
import { cliEnv, runNsc, type RunResult } from "@nsc/testkit";
import { loginAsAdmin } from "./support/login-as-admin.js";

const SEED_LIST = `Tailscale integrations:

corp
  OAuth Client ID: k123
  Tags: tag:namespace, tag:ci
  MagicDNS: Enabled

`;

/** One line on stderr, naming the problem, no stack trace. */
function assertOneLineError(result: RunResult, text: string): void {
  assert.notEqual(result.code, 0, "non-zero exit");
  assert.equal(result.stdout, "");
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, result.stderr);
  assert.ok(
    lines[0]?.includes(text),
    `${JSON.stringify(result.stderr)} should contain ${JSON.stringify(text)}`,
  );
  assert.doesNotMatch(result.stderr, /\n\s+at /u);
}

for (const database of TEST_DATABASES) {
  describe(`nsc against an nsc server on ${database.name}`, () => {
    let server: InProcessServer;
    let env: NodeJS.ProcessEnv;
    const nsc = (...args: string[]): Promise<RunResult> => runNsc(args, { env });

    before(async () => {
      server = await startInProcessServer(database);
      const signedIn = await loginAsAdmin(server);
      env = signedIn.env;
      const { login } = signedIn;
      assert.match(
        login.stdout,
        /^Logged in to http:\/\/127\.0\.0\.1:\d+, workspace ws-[a-z2-7]{16} \("default"\) as admin\./u,
      );
    });
    after(async () => {
      await server.close();
    });

    it("says so when no spec is configured", async () => {
      const result = await nsc("integrations", "tailscale", "list");
      assert.deepEqual(result, { code: 0, stdout: "No Tailscale integrations configured.\n", stderr: "" });
    });

    it("runs the seed's commands verbatim with the documented output", async () => {
      const set = await nsc(
        "integrations",
        "tailscale",
        "set",
        "corp",
        "--oauth-client-id",
        "k123",
        "--tag",
        "tag:namespace",
        "--tag",
        "tag:ci",
      );
      assert.deepEqual(set, { code: 0, stdout: 'Updated Tailscale integration "corp".\n', stderr: "" });

      const comma = await nsc(
        "integrations",
        "tailscale",
        "set",
        "corp",
        "--oauth-client-id",
        "k123",
        "--tag",
        "tag:namespace,tag:ci",
        "--enable-magic-dns",
      );
      assert.equal(comma.stdout, 'Updated Tailscale integration "corp".\n');

      const list = await nsc("integrations", "tailscale", "list");
      assert.deepEqual(list, { code: 0, stdout: SEED_LIST, stderr: "" });

      const json = await nsc("integrations", "tailscale", "list", "--output", "json");
      assert.equal(json.code, 0);
      const doc = JSON.parse(json.stdout) as { metadata_version: string };
      assert.match(doc.metadata_version, /^\d+$/u);
      assert.equal(
        json.stdout,
        `${JSON.stringify({ metadata_version: doc.metadata_version, tailscale: { corp: { oauth_client_id: "k123", tags: ["tag:namespace", "tag:ci"], enable_magic_dns: true } } }, null, 2)}\n`,
      );
    });

    it("replaces the whole spec on set: Magic DNS off when the flag is absent", async () => {
      await nsc(
        "integrations",
        "tailscale",
        "set",
        "corp",
        "--oauth-client-id",
        "k123",
        "--tag",
        "tag:namespace,tag:ci",
        "--enable-magic-dns",
      );
      await nsc(
        "integrations",
        "tailscale",
        "set",
        "corp",
        "--oauth-client-id",
        "k123",
        "--tag",
        "tag:namespace,tag:ci",
      );
      const list = await nsc("integrations", "tailscale", "list");
      assert.match(list.stdout, /MagicDNS: Disabled/u);
      await nsc(
        "integrations",
        "tailscale",
        "set",
        "corp",
        "--oauth-client-id",
        "k123",
        "--tag",
        "tag:namespace",
        "--tag",
        "tag:ci",
        "--enable-magic-dns",
      );
    });

    it("prints the whole document for set and remove with -o json, and sorts names in plain list", async () => {
      const set = await nsc(
        "integrations",
        "tailscale",
        "set",
        "aaa",
        "--oauth-client-id",
        "k9",
        "--tag",
        "tag:a",
        "-o",
        "json",
      );
      const afterSet = JSON.parse(set.stdout) as { tailscale: Record<string, unknown> };
      assert.deepEqual(Object.keys(afterSet.tailscale), ["aaa", "corp"]);
      assert.deepEqual(afterSet.tailscale.aaa, {
        oauth_client_id: "k9",
        tags: ["tag:a"],
        enable_magic_dns: false,
      });
      const list = await nsc("integrations", "tailscale", "list");
      assert.ok(list.stdout.indexOf("aaa\n") < list.stdout.indexOf("corp\n"));
      const removed = await nsc("integrations", "tailscale", "remove", "aaa", "-o", "json");
      assert.deepEqual(Object.keys((JSON.parse(removed.stdout) as { tailscale: object }).tailscale), [
        "corp",
      ]);
    });

    it("removes a spec with upstream's text, and names an unknown one", async () => {
      await nsc("integrations", "tailscale", "set", "gone", "--oauth-client-id", "k1", "--tag", "tag:a");
      assert.deepEqual(await nsc("integrations", "tailscale", "remove", "gone"), {
        code: 0,
        stdout: 'Removed Tailscale integration "gone".\n',
        stderr: "",
      });
      assertOneLineError(
        await nsc("integrations", "tailscale", "remove", "gone"),
        'tailscale integration "gone" not found',
      );
    });

    it("shows an optional login server only when set", async () => {
      const set = await nsc(
        "integrations",
        "tailscale",
        "set",
        "hs",
        "--oauth-client-id",
        "k1",
        "--tag",
        "tag:a",
        "--login-server",
        "https://hs.example.com/",
        "-o",
        "json",
      );
      const doc = JSON.parse(set.stdout) as { tailscale: Record<string, Record<string, unknown>> };
      assert.equal(doc.tailscale.hs?.login_server, "https://hs.example.com");
      assert.equal("login_server" in (doc.tailscale.corp ?? {}), false);
      await nsc("integrations", "tailscale", "remove", "hs");
    });

    it("fails clearly on bad input, writing nothing", async () => {
      const before = (await nsc("integrations", "tailscale", "list", "-o", "json")).stdout;
      assertOneLineError(
        await nsc("integrations", "tailscale", "set", "x", "--tag", "tag:a"),
        "--oauth-client-id is required",
      );
      assertOneLineError(
        await nsc("integrations", "tailscale", "list", "-o", "yaml"),
        "invalid output format: yaml",
      );
      assertOneLineError(
        await nsc("integrations", "tailscale", "set", "x", "--oauth-client-id", "k", "--tag", "ci"),
        `invalid tag "ci": tags must start with 'tag:'`,
      );
      assertOneLineError(
        await nsc("integrations", "tailscale", "set", "x", "--oauth-client-id", "k"),
        "at least one tag is required",
      );
      assertOneLineError(
        await nsc("integrations", "tailscale", "set", "Bad.Name", "--oauth-client-id", "k", "--tag", "tag:a"),
        "invalid spec name",
      );
      assertOneLineError(
        await nsc("integrations", "tailscale", "set", "x", "--oauth-client-id", "k?x=1", "--tag", "tag:a"),
        "must not contain '?'",
      );
      assert.equal((await nsc("integrations", "tailscale", "list", "-o", "json")).stdout, before);
    });

    it("describes the workspace with tenant_id", async () => {
      const result = await nsc("workspace", "describe", "-o", "json");
      const info = JSON.parse(result.stdout) as { id: string; tenant_id: string; issuer_url: string };
      assert.equal(info.tenant_id, info.id);
      assert.equal(info.issuer_url, server.url);
      const plain = await nsc("workspace", "describe");
      assert.equal(plain.stdout, `\nWorkspace details:\n\nName: default\nTenant ID: ${info.id}\n`);
    });

    it("creates, lists and revokes API tokens; a revoked token stops working at once", async () => {
      const created = await nsc("tokens", "create", "--name", "reader", "--role", "member", "-o", "json");
      const { token, secret } = JSON.parse(created.stdout) as { token: { id: string }; secret: string };
      const memberEnv = { ...env, NSC_TOKEN: secret };
      assert.equal(
        (await runNsc(["integrations", "tailscale", "list"], { env: memberEnv })).stdout,
        SEED_LIST,
      );
      assertOneLineError(
        await runNsc(["integrations", "tailscale", "set", "m", "--oauth-client-id", "k", "--tag", "tag:a"], {
          env: memberEnv,
        }),
        'this needs a token with role "admin"',
      );
      const list = await nsc("tokens", "list");
      assert.match(list.stdout, new RegExp(`${token.id}\\s+reader\\s+member\\s+active`, "u"));
      assert.equal(list.stdout.includes(secret), false);
      assert.equal((await nsc("tokens", "revoke", token.id)).code, 0);
      assertOneLineError(
        await runNsc(["integrations", "tailscale", "list"], { env: memberEnv }),
        "the API token was revoked",
      );
    });

    it("explains an unreachable server and a bad token in one line", async () => {
      assertOneLineError(
        await runNsc(["integrations", "tailscale", "list"], {
          env: {
            ...env,
            NSC_ENDPOINT: "http://127.0.0.1:9",
          },
        }),
        "cannot reach the nsc server at http://127.0.0.1:9",
      );
      assertOneLineError(
        await runNsc(["integrations", "tailscale", "list"], {
          env: {
            ...env,
            NSC_TOKEN: "nsct_wrongwrongwrong",
          },
        }),
        "the API token is not valid",
      );
      assertOneLineError(
        await runNsc(["integrations", "tailscale", "list"], { env: cliEnv() }),
        "not logged in",
      );
    });

    it("keeps every secret out of the server's logs", () => {
      assert.equal(server.logs().includes(server.adminToken), false);
      assert.doesNotMatch(server.logs(), /nsct_|nscw_/u);
    });
  });
}

describe("nsc --help", () => {
  const commands = [
    [],
    ["login"],
    ["workspace"],
    ["workspace", "describe"],
    ["integrations"],
    ["integrations", "tailscale"],
    ["integrations", "tailscale", "set"],
    ["integrations", "tailscale", "list"],
    ["integrations", "tailscale", "remove"],
    ["tokens", "create"],
    ["tokens", "list"],
    ["tokens", "revoke"],
    ["audit", "list"],
  ];
  for (const command of commands) {
    it(`works for nsc ${command.join(" ")}`, async () => {
      const result = await runNsc([...command, "--help"], { env: cliEnv() });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Usage: nsc/u);
    });
  }
});

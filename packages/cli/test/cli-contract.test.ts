import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NSC_COMMIT, NSC_VERSION, versionLine } from "@nsc/core";
import {
  startInProcessServer,
  type InProcessServer,
} from "../../server/src/test-support/start-in-process-server.js";
import { TEST_DATABASES } from "../../server/src/test-support/test-databases.js";
import { runServerCommand } from "../../server/src/test-support/server-process.js";
import { cliEnv, runNsc } from "@nsc/testkit";
import { loginAsAdmin } from "./support/login-as-admin.js";

interface JsonError {
  error: { code: string; message: string };
}

describe("nsc version and usage", () => {
  it("prints the same version and commit as nsc-server", async () => {
    const run = await runNsc(["--version"]);
    assert.deepEqual(run, { code: 0, stdout: `${versionLine("nsc")}\n`, stderr: "" });
    const server = runServerCommand(["--version"]);
    assert.equal(server.stdout.replace("nsc-server", "nsc"), run.stdout);
    assert.ok(run.stdout.includes(`${NSC_VERSION} (commit ${NSC_COMMIT})`));
  });

  it("reports parser usage errors in the one-line form with exit 2, and in JSON under -o json", async () => {
    const unknown = await runNsc(["tokens", "list", "--bogus"]);
    assert.deepEqual(unknown, {
      code: 2,
      stdout: "",
      stderr: "Error: unknown option '--bogus' (see --help) [invalid_usage]\n",
    });
    const missing = await runNsc(["instances", "describe", "-o", "json"]);
    assert.equal(missing.code, 2);
    const body = JSON.parse(missing.stderr) as JsonError;
    assert.equal(body.error.code, "invalid_usage");
    assert.match(body.error.message, /missing required argument/u);
    const unknownCommand = await runNsc(["auth", "bogus"]);
    assert.equal(unknownCommand.code, 2, "auth itself is nsc's: its trust and exchange commands are");
    assert.match(
      unknownCommand.stderr,
      /^Error: unknown command 'bogus' \(see --help\) \[invalid_usage\]\n$/u,
    );
    const help = await runNsc(["--help"]);
    assert.equal(help.code, 0);
  });

  it("exits 1 on a usage error of a command upstream nsc has too, in the same one-line form", async () => {
    // nsc-conventions.md, "Errors: upstream ... exits 1; scripts depend on the exit code".
    assert.deepEqual(await runNsc(["integrations", "tailscale", "list", "--bogus"]), {
      code: 1,
      stdout: "",
      stderr: "Error: unknown option '--bogus' (see --help) [invalid_usage]\n",
    });
    const missing = await runNsc(["integrations", "tailscale", "remove", "-o", "json"]);
    assert.equal(missing.code, 1);
    assert.equal((JSON.parse(missing.stderr) as JsonError).error.code, "invalid_usage");
    assert.equal((await runNsc(["integrations", "tailscale", "bogus"])).code, 1);
    assert.equal((await runNsc(["workspace", "describe", "--bogus"])).code, 1);
    assert.equal((await runNsc(["auth", "issue-id-token", "--bogus"])).code, 1);
  });

  it("prints completion scripts from the command tree and refuses an unknown shell", async () => {
    const bash = await runNsc(["completion", "bash"]);
    assert.equal(bash.code, 0);
    assert.match(bash.stdout, /complete -F _nsc nsc/u);
    assert.match(bash.stdout, /"integrations tailscale"\) words="set list remove/u);
    const fish = await runNsc(["completion", "fish"]);
    assert.match(fish.stdout, /complete -c nsc -n '__fish_use_subcommand' -a whoami/u);
    const zsh = await runNsc(["completion", "zsh"]);
    assert.match(zsh.stdout, /^#compdef nsc\n/u);
    const other = await runNsc(["completion", "tcsh"]);
    assert.deepEqual(other, {
      code: 2,
      stdout: "",
      stderr: 'Error: unknown shell "tcsh": use bash, zsh or fish [invalid_usage]\n',
    });
  });

  it("exits 3 when not logged in and 6 when the server cannot be reached", async () => {
    const env = cliEnv();
    const none = await runNsc(["whoami", "-o", "json"], { env });
    assert.equal(none.code, 3);
    assert.equal((JSON.parse(none.stderr) as JsonError).error.code, "not_logged_in");
    const down = await runNsc(["whoami"], {
      env: { ...env, NSC_ENDPOINT: "http://127.0.0.1:1", NSC_TOKEN: "nsct_abcdefghijkl" },
    });
    assert.equal(down.code, 6);
    assert.match(down.stderr, /\[server_unreachable\]\n$/u);
  });
});

for (const database of TEST_DATABASES) {
  describe(`nsc exit codes, whoami and logout against a server on ${database.name}`, () => {
    let server: InProcessServer;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      server = await startInProcessServer(database);
      ({ env } = await loginAsAdmin(server));
    });
    after(async () => server.close());

    it("prints workspace, role and endpoint with whoami", async () => {
      const plain = await runNsc(["whoami"], { env });
      assert.equal(plain.code, 0, plain.stderr);
      assert.equal(
        plain.stdout,
        `Workspace: ${server.workspaceId} ("default")\nRole: admin\nEndpoint: ${server.url}\n`,
      );
      const json = await runNsc(["whoami", "-o", "json"], { env });
      assert.deepEqual(JSON.parse(json.stdout), {
        workspace: server.workspaceId,
        name: "default",
        role: "admin",
        endpoint: server.url,
      });
    });

    it("gives nsc's own commands their distinct exit codes, as JSON on stderr under -o json", async () => {
      const notFound = await runNsc(["tokens", "revoke", "tk-aaaaaaaaaaaaaaaa", "-o", "json"], { env });
      assert.equal(notFound.code, 4, notFound.stderr);
      assert.equal(notFound.stdout, "");
      const body = JSON.parse(notFound.stderr) as JsonError;
      assert.deepEqual(Object.keys(body.error).sort(), ["code", "message"]);
      assert.match(body.error.code, /not_found$/u);
      const wrongToken = await runNsc(["whoami"], { env: { ...env, NSC_TOKEN: "nsct_notarealtoken1234" } });
      assert.equal(wrongToken.code, 3);
      assert.match(wrongToken.stderr, /\[unauthenticated\]\n$/u);
      const badRole = await runNsc(["tokens", "create", "--name", "x", "--role", "superuser"], { env });
      assert.equal(badRole.code, 2, badRole.stderr);
      assert.match(badRole.stderr, /\[invalid_role\]\n$/u);
    });

    it("exits 1 on every failure of the commands upstream nsc has too", async () => {
      // nsc-conventions.md, "Errors: upstream prints a framed `Failed: <message>` block on stderr and exits
      // 1; scripts depend on the exit code". The one-line form and the code stay ours.
      const notFound = await runNsc(["integrations", "tailscale", "remove", "nope", "-o", "json"], { env });
      assert.deepEqual(notFound, {
        code: 1,
        stdout: "",
        stderr: `${JSON.stringify({ error: { code: "spec_not_found", message: 'tailscale integration "nope" not found' } })}\n`,
      });
      const wrong = { env: { ...env, NSC_TOKEN: "nsct_notarealtoken1234" } };
      const unauthenticated = await runNsc(["integrations", "tailscale", "list"], wrong);
      assert.equal(unauthenticated.code, 1);
      assert.match(unauthenticated.stderr, /^Error: .*\[unauthenticated\]\n$/u);
      assert.equal((await runNsc(["workspace", "describe"], wrong)).code, 1);
      const notLoggedIn = await runNsc(["workspace", "describe"], { env: cliEnv() });
      assert.equal(notLoggedIn.code, 1);
      assert.match(notLoggedIn.stderr, /\[not_logged_in\]\n$/u);
      const badTag = await runNsc(
        ["integrations", "tailscale", "set", "x", "--oauth-client-id", "k1", "--tag", "bad"],
        { env },
      );
      assert.equal(badTag.code, 1);
      assert.match(badTag.stderr, /\[invalid_tag\]\n$/u);
      const noCredential = await runNsc(["auth", "issue-id-token", "--audience", "a"], {
        env: { ...env, NSC_METADATA_DIR: "/nonexistent" },
      });
      assert.equal(noCredential.code, 1);
      assert.match(noCredential.stderr, /\[workload_credential_missing\]\n$/u);
    });

    it("pages the audit log with --before as the API does", async () => {
      for (const name of ["a1", "a2", "a3"]) {
        const set = await runNsc(
          ["integrations", "tailscale", "set", name, "--oauth-client-id", "k1", "--tag", "tag:a"],
          {
            env,
          },
        );
        assert.equal(set.code, 0, set.stderr);
      }
      type Page = { events: { id: string; object_id: string }[]; next_before: string | null };
      const list = async (...extra: string[]): Promise<Page> => {
        const run = await runNsc(
          ["audit", "list", "--action", "tailscale_spec", "--limit", "2", "-o", "json", ...extra],
          {
            env,
          },
        );
        assert.equal(run.code, 0, run.stderr);
        return JSON.parse(run.stdout) as Page;
      };
      const first = await list();
      assert.deepEqual(
        first.events.map((e) => e.object_id),
        ["a3", "a2"],
      );
      assert.equal(first.next_before, first.events[1]?.id);
      const second = await list("--before", first.next_before);
      assert.deepEqual(
        second.events.map((e) => e.object_id),
        ["a1"],
      );
      assert.equal(second.next_before, null);
      const plain = await runNsc(["audit", "list", "--action", "tailscale_spec", "--limit", "2"], { env });
      assert.equal(plain.stderr, `More events: add --before ${first.next_before}\n`);
      const bad = await runNsc(["audit", "list", "--before", "yesterday"], { env });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /invalid --before "yesterday".*\[invalid_usage\]\n$/u);
    });

    it("forgets the saved login with logout", async () => {
      const own = cliEnv();
      const login = await runNsc(["login", "--endpoint", server.url, "--token", "-"], {
        env: own,
        stdin: server.adminToken,
      });
      assert.equal(login.code, 0);
      const out = await runNsc(["logout"], { env: own });
      assert.equal(out.code, 0);
      assert.match(out.stdout, /^Logged out: removed .*config\.json/u);
      const after = await runNsc(["whoami"], { env: own });
      assert.equal(after.code, 3);
      const again = await runNsc(["logout"], { env: own });
      assert.equal(again.stdout, "Not logged in: nothing to forget.\n");
    });
  });
}

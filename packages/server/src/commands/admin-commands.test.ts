import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { after, before, describe, it } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { NSC_COMMIT, NSC_VERSION, versionLine } from "@nsc/core";
import { writeSelfSignedCert } from "@nsc/testkit";
import { runServerInProcess } from "../test-support/run-server-in-process.js";
import { TEST_DATABASES } from "../test-support/test-databases.js";
import { runServerCommand, startServing, type ServingProcess } from "../test-support/server-process.js";

const temp = (): string => mkdtempSync(join(tmpdir(), "nsc-admin-"));
const KEK = { NSC_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") };

describe("nsc-server --version and --config", () => {
  // The binary itself: its version line and the exit status a usage error leaves the process with.
  it("prints one version line with the version and commit", async () => {
    const result = runServerCommand(["--version"]);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, `${versionLine("nsc-server")}\n`);
    assert.ok(result.stdout.includes(NSC_VERSION) && result.stdout.includes(NSC_COMMIT));
    assert.deepEqual(await runServerInProcess(["--version"]), {
      status: 0,
      stdout: `${versionLine("nsc-server")}\n`,
      stderr: "",
    });
  });

  it("exits 2 on a usage error, printing it in the one-line form of every error", () => {
    assert.deepEqual(runServerCommand(["--bogus"], KEK), {
      status: 2,
      stdout: "",
      stderr: "Error: unknown option '--bogus' (see --help) [invalid_usage]\n",
    });
  });

  it("reports usage errors in the one-line form of every error, with exit 2", async () => {
    const dir = temp();
    const cases: [string[], string][] = [
      [["--bogus"], "Error: unknown option '--bogus' (see --help) [invalid_usage]\n"],
      [["keys", "list", "--bogus"], "Error: unknown option '--bogus' (see --help) [invalid_usage]\n"],
      [["bakcup"], "Error: unknown command 'bakcup' (see --help) [invalid_usage]\n"],
      [["keys", "lst"], "Error: unknown command 'lst' (Did you mean list?) (see --help) [invalid_usage]\n"],
      [["--listen"], "Error: option '--listen <host:port>' argument missing (see --help) [invalid_usage]\n"],
      [
        ["tokens", "create", "--role", "admin"],
        "Error: required option '--workspace <id>' not specified (see --help) [invalid_usage]\n",
      ],
      [
        ["keys", "list", "--data-dir", join(dir, "d"), "--key-rotation-days", "abc"],
        'Error: invalid --key-rotation-days "abc": use a whole number from 1 to 365 (0 is not allowed) [invalid_config]\n',
      ],
      [
        ["keys", "list", "--data-dir", join(dir, "d"), "-o", "yaml"],
        "Error: invalid output format: yaml [invalid_output_format]\n",
      ],
    ];
    for (const [args, stderr] of cases) {
      assert.deepEqual(
        await runServerInProcess(args, KEK),
        { status: 2, stdout: "", stderr },
        args.join(" "),
      );
    }
    const help = await runServerInProcess(["--help"]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: nsc-server \[options\] \[command\]\n/u);
  });

  it("reads the flags' settings from a config file, and a flag wins over it", async () => {
    const dir = temp();
    const fromFile = join(dir, "from-file");
    const fromFlag = join(dir, "from-flag");
    const config = join(dir, "nsc.json");
    writeFileSync(
      config,
      JSON.stringify({ "data-dir": fromFile, "signing-alg": "ES256", "key-rotation-days": 10 }),
    );
    // `keys list` only reads, so a rotation makes the first key, with the file's algorithm.
    const rotated = await runServerInProcess(["keys", "rotate", "--config", config], KEK);
    assert.equal(rotated.status, 0, rotated.stderr);
    const listed = await runServerInProcess(["keys", "list", "-o", "json", "--config", config], KEK);
    assert.equal(listed.status, 0, listed.stderr);
    assert.equal((JSON.parse(listed.stdout) as { keys: { alg: string }[] }).keys[0]?.alg, "ES256");
    assert.ok(existsSync(join(fromFile, "nsc.db")));
    const flagged = await runServerInProcess(
      ["keys", "list", "--config", config, "--data-dir", fromFlag],
      KEK,
    );
    assert.equal(flagged.status, 0, flagged.stderr);
    assert.ok(existsSync(join(fromFlag, "nsc.db")));
  });

  it("reads NSC_CONFIG and NSC_* variables of its environment, which win over the file; a flag wins over both", async () => {
    const dir = temp();
    const config = join(dir, "nsc.json");
    writeFileSync(config, JSON.stringify({ "data-dir": join(dir, "from-file") }));
    const env = { ...KEK, NSC_CONFIG: config, NSC_DATA_DIR: join(dir, "from-env") };
    const fromEnv = await runServerInProcess(["keys", "list"], env);
    assert.equal(fromEnv.status, 0, fromEnv.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ["from-env", "nsc.json"]);
    const fromFlag = await runServerInProcess(["keys", "list", "--data-dir", join(dir, "from-flag")], env);
    assert.equal(fromFlag.status, 0, fromFlag.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ["from-env", "from-flag", "nsc.json"]);
    const fileOnly = await runServerInProcess(["keys", "list"], { ...KEK, NSC_CONFIG: config });
    assert.equal(fileOnly.status, 0, fileOnly.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ["from-env", "from-file", "from-flag", "nsc.json"]);
    const badFromEnv = await runServerInProcess(["keys", "list", "--data-dir", join(dir, "d")], {
      ...KEK,
      NSC_KEY_ROTATION_DAYS: "abc",
    });
    assert.equal(badFromEnv.status, 2);
    assert.match(badFromEnv.stderr, /invalid --key-rotation-days "abc".*\[invalid_config\]/u);
  });

  it("refuses an unknown key, a wrong type, bad JSON and an unreadable path, naming the problem", async () => {
    const dir = temp();
    const cases: [string, string | undefined, RegExp][] = [
      [
        "unknown.json",
        JSON.stringify({ lisen: "127.0.0.1:1" }),
        /unknown key "lisen"; known keys: listen, /u,
      ],
      [
        "type.json",
        JSON.stringify({ "key-rotation-days": "30" }),
        /"key-rotation-days" must be a whole number, not the string "30"/u,
      ],
      ["type2.json", JSON.stringify({ listen: 8585 }), /"listen" must be a string, not the number 8585/u],
      [
        "zero.json",
        JSON.stringify({ "retention-audit-days": 0 }),
        /--retention-audit-days.*0 is not allowed/u,
      ],
      ["bad.json", "{listen:", /is not valid JSON/u],
      ["list.json", "[]", /must hold one JSON object/u],
      ["missing.json", undefined, /cannot read config file .*missing\.json \(ENOENT\)/u],
    ];
    for (const [name, text, message] of cases) {
      const path = join(dir, name);
      if (text !== undefined) writeFileSync(path, text);
      const result = await runServerInProcess(
        ["keys", "list", "--config", path, "--data-dir", join(dir, "d")],
        KEK,
      );
      assert.equal(result.status, 2, name);
      assert.match(result.stderr, message, name);
      assert.match(result.stderr, /\[invalid_config\]$/mu, name);
    }
  });
});

for (const database of TEST_DATABASES) {
  describe(`nsc-server admin commands on ${database.name}`, () => {
    let db: { url: string; drop(): Promise<void> };
    let server: ServingProcess;
    let dataDir: string;
    let storage: string[];

    before(async () => {
      db = await database.create();
      dataDir = temp();
      storage = ["--data-dir", dataDir, "--database-url", db.url];
      server = await startServing(["--listen", "127.0.0.1:0", ...storage], KEK);
    });
    after(async () => {
      await server.stop();
      await db.drop();
    });

    it("keeps the first-start admin token out of the log stream: only the 0600 file has it", async () => {
      const token = readFileSync(join(dataDir, "bootstrap-admin-token"), "utf8").trim();
      assert.match(token, /^nsct_/u);
      await server.waitFor(/"token_file"/u);
      const { stdout, stderr } = server.output();
      assert.equal(stdout.includes(token), false);
      assert.equal(stderr.includes(token), false);
      assert.match(stderr, /"msg":"created the first workspace and its admin API token"/u);
    });

    it("creates a break-glass admin token in the database that the running server accepts", async () => {
      const bootstrap = readFileSync(join(dataDir, "bootstrap-admin-token"), "utf8").trim();
      const workspace = (await (
        await fetch(`${server.url}/v1/workspace`, { headers: { authorization: `Bearer ${bootstrap}` } })
      ).json()) as { id: string };
      const created = await runServerInProcess(
        ["tokens", "create", "--workspace", workspace.id, "--role", "admin", "-o", "json", ...storage],
        KEK,
      );
      assert.equal(created.status, 0, created.stderr);
      const secret = (JSON.parse(created.stdout) as { secret: string }).secret;
      const res = await fetch(`${server.url}/v1/audit?action=api_token`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      assert.equal(res.status, 200);
      const events = (await res.json()) as { events: { actor: string }[] };
      assert.equal(events.events[0]?.actor, "break-glass");
      const unknown = await runServerInProcess(
        ["tokens", "create", "--workspace", "ws-nope", "--role", "admin", ...storage],
        KEK,
      );
      assert.equal(unknown.status, 4);
      assert.match(unknown.stderr, /workspace "ws-nope" not found \[workspace_not_found\]/u);
      const badRole = await runServerInProcess(
        ["tokens", "create", "--workspace", workspace.id, "--role", "root", ...storage],
        KEK,
      );
      assert.match(badRole.stderr, /invalid role "root".*\[invalid_role\]/u);
      assert.equal(badRole.status, 2);
    });

    it("retires every key at once with keys rotate --now, and a fresh key signs", async () => {
      const before = JSON.parse(
        (await runServerInProcess(["keys", "list", "-o", "json", ...storage], KEK)).stdout,
      ) as {
        keys: { kid: string; state: string }[];
      };
      const rotated = await runServerInProcess(["keys", "rotate", "--now", ...storage], KEK);
      assert.equal(rotated.status, 0, rotated.stderr);
      assert.match(rotated.stdout, /Emergency rotation: unpublished 1 key/u);
      const afterKeys = JSON.parse(
        (await runServerInProcess(["keys", "list", "-o", "json", ...storage], KEK)).stdout,
      ) as {
        keys: { kid: string; state: string }[];
      };
      assert.equal(afterKeys.keys.length, 1);
      assert.equal(afterKeys.keys[0]?.state, "active");
      assert.ok(!before.keys.some((k) => k.kid === afterKeys.keys[0]?.kid));
    });

    if (database.name === "sqlite") {
      it("backs up the live database to a new file, refusing an existing or unwritable target", async () => {
        const out = join(temp(), "backup.db");
        const done = await runServerInProcess(["backup", "--out", out, ...storage], KEK);
        assert.equal(done.status, 0, done.stderr);
        const copy = new SqliteDatabase(out, { readonly: true });
        const workspaces = copy.prepare("select count(*) as n from workspaces").get() as { n: number };
        assert.equal(workspaces.n, 1);
        assert.equal(copy.pragma("integrity_check", { simple: true }), "ok");
        copy.close();
        const again = await runServerInProcess(["backup", "--out", out, ...storage], KEK);
        assert.equal(again.status, 2);
        assert.match(again.stderr, /already exists: choose a new file name \[invalid_config\]/u);
        const nowhere = join(temp(), "missing-dir", "backup.db");
        const unwritable = await runServerInProcess(["backup", "--out", nowhere, ...storage], KEK);
        assert.equal(unwritable.status, 2);
        assert.match(unwritable.stderr, /cannot write the backup in .*missing-dir \(ENOENT\)/u);
        const dir = join(out, "..");
        assert.deepEqual(readdirSync(dir), ["backup.db"]);

        // A source that exists but cannot be opened as a database: refused, and no partial copy is left.
        const notADatabase = temp();
        const elsewhere = temp();
        const refused = await runServerInProcess(
          ["backup", "--out", join(elsewhere, "b.db"), "--database-url", `sqlite:${notADatabase}`],
          KEK,
        );
        assert.equal(refused.status, 2, refused.stderr);
        assert.match(
          refused.stderr,
          /^Error: cannot open the database at .+: pass the --data-dir or --database-url the server runs with \[invalid_config\]\n$/u,
        );
        assert.deepEqual(readdirSync(elsewhere), []);
      });
    } else {
      it("points PostgreSQL backups at pg_dump", async () => {
        const result = await runServerInProcess(["backup", "--out", join(temp(), "b.db"), ...storage], KEK);
        assert.equal(result.status, 2);
        assert.match(result.stderr, /back up PostgreSQL with pg_dump/u);
      });
    }
  });
}

describe("TLS certificate reload on SIGHUP", () => {
  const makeCert = writeSelfSignedCert;
  const peerFingerprint = (url: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      });
      socket.once("error", reject);
    });

  it("serves the new certificate after SIGHUP and keeps the old one when the new files are bad", async () => {
    const dir = temp();
    const first = makeCert(dir, "first");
    const second = makeCert(dir, "second");
    const live = { cert: join(dir, "live.crt"), key: join(dir, "live.key") };
    copyFileSync(first.cert, live.cert);
    copyFileSync(first.key, live.key);
    const server = await startServing(
      [
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        join(dir, "data"),
        "--tls-cert",
        live.cert,
        "--tls-key",
        live.key,
      ],
      KEK,
    );
    try {
      const fingerprint = (path: string): string => new X509Certificate(readFileSync(path)).fingerprint256;
      assert.equal(await peerFingerprint(server.url), fingerprint(first.cert));
      copyFileSync(second.cert, live.cert);
      copyFileSync(second.key, live.key);
      process.kill(server.pid, "SIGHUP");
      await server.waitFor(/"msg":"reloaded the TLS certificate"/u);
      assert.equal(await peerFingerprint(server.url), fingerprint(second.cert));
      writeFileSync(live.cert, "not a certificate\n");
      process.kill(server.pid, "SIGHUP");
      await server.waitFor(/"msg":"TLS reload failed; still serving the previous certificate"/u);
      assert.equal(await peerFingerprint(server.url), fingerprint(second.cert));
    } finally {
      await server.stop();
    }
  });
});

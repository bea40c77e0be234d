import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, renameSync } from "node:fs";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { NSC_SERVER_BIN, runNode, startServer, writeSelfSignedCert, type ServerProcess } from "@nsc/testkit";

const json = async (url: string): Promise<unknown> => (await fetch(url)).json();

describe("nsc-server as an issuer process", () => {
  let server: ServerProcess;
  const kek = randomBytes(32).toString("base64");
  const env = { NSC_KEY_ENCRYPTION_KEY: kek };

  before(async () => {
    server = await startServer({ env });
  });
  after(async () => {
    await server.stop();
  });

  it("serves discovery for its own address and keeps secrets out of its log", async () => {
    const discovery = (await json(`${server.url}/.well-known/openid-configuration`)) as {
      issuer: string;
      jwks_uri: string;
    };
    assert.equal(discovery.issuer, server.url);
    assert.equal(discovery.jwks_uri, `${server.url}/.well-known/jwks`);
    assert.match(server.stderr(), /Tailscale requires a public HTTPS issuer/u);
    for (const secret of [kek, server.adminToken(), "PRIVATE KEY", "nscw_"])
      assert.equal(server.stderr().includes(secret), false, secret);
  });

  it("lists keys, and rotates on demand only after the next key has been published", async () => {
    const storage = ["--data-dir", server.dataDir, "--listen", server.url.replace("http://", "")];
    const listed = await runNode(NSC_SERVER_BIN, ["keys", "list", "-o", "json", ...storage], {
      ...process.env,
      ...env,
    });
    assert.equal(listed.code, 0, listed.stderr);
    const keys = (JSON.parse(listed.stdout) as { keys: { kid: string; state: string }[] }).keys;
    assert.deepEqual(
      keys.map((k) => k.state),
      ["active"],
    );

    const rotated = await runNode(NSC_SERVER_BIN, ["keys", "rotate", ...storage], { ...process.env, ...env });
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /is published and can sign from \d{4}-\d{2}-\d{2}T/u);
    const after = JSON.parse(
      (await runNode(NSC_SERVER_BIN, ["keys", "list", "-o", "json", ...storage], { ...process.env, ...env }))
        .stdout,
    ) as {
      keys: { kid: string; state: string }[];
    };
    assert.deepEqual(after.keys.map((k) => k.state).sort(), ["active", "next"]);
    assert.equal(
      after.keys.find((k) => k.state === "active")?.kid,
      keys[0]?.kid,
      "the active key still signs",
    );
  });

  it("exports discovery and JWKS as static files", async () => {
    const out = mkdtempSync(join(tmpdir(), "nsc-export-"));
    const result = await runNode(
      NSC_SERVER_BIN,
      [
        "export-discovery",
        "--out",
        out,
        "--data-dir",
        server.dataDir,
        "--issuer-url",
        "https://nsc.example.com/",
      ],
      { ...process.env, ...env },
    );
    assert.equal(result.code, 0, result.stderr);
    const discovery = JSON.parse(readFileSync(join(out, ".well-known/openid-configuration"), "utf8")) as {
      issuer: string;
      jwks_uri: string;
    };
    assert.equal(discovery.issuer, "https://nsc.example.com");
    assert.equal(discovery.jwks_uri, "https://nsc.example.com/.well-known/jwks");
    const jwks = JSON.parse(readFileSync(join(out, ".well-known/jwks"), "utf8")) as {
      keys: { kid: string }[];
    };
    assert.equal(jwks.keys.length, 2);
  });

  it("refuses to start with a wrong or missing key-encryption key, and makes no new keys", async () => {
    await server.stop();
    const wrong = await runNode(NSC_SERVER_BIN, ["--data-dir", server.dataDir, "--listen", "127.0.0.1:0"], {
      ...process.env,
      NSC_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /key-encryption key/u);
    assert.equal(wrong.stderr.includes(kek), false);

    const missing = await runNode(NSC_SERVER_BIN, ["--data-dir", server.dataDir, "--listen", "127.0.0.1:0"], {
      ...process.env,
    });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no key-encryption key is configured/u);

    server = await startServer({ dataDir: server.dataDir, env });
    const listed = JSON.parse(
      (
        await runNode(NSC_SERVER_BIN, ["keys", "list", "-o", "json", "--data-dir", server.dataDir], {
          ...process.env,
          ...env,
        })
      ).stdout,
    ) as {
      keys: unknown[];
    };
    assert.equal(listed.keys.length, 2, "the same two keys, none replaced");
  });

  it("keeps using a key-encryption key it generated into the data dir across restarts", async () => {
    const fresh = await startServer();
    const kid = ((await json(`${fresh.url}/.well-known/jwks`)) as { keys: { kid: string }[] }).keys[0]?.kid;
    await fresh.stop();
    const again = await startServer({ dataDir: fresh.dataDir });
    assert.equal(
      ((await json(`${again.url}/.well-known/jwks`)) as { keys: { kid: string }[] }).keys[0]?.kid,
      kid,
    );
    await again.stop();
    renameSync(join(fresh.dataDir, "key-encryption-key"), join(fresh.dataDir, "moved-away"));
    const lost = await runNode(NSC_SERVER_BIN, ["--data-dir", fresh.dataDir, "--listen", "127.0.0.1:0"], {
      ...process.env,
    });
    assert.equal(lost.code, 1);
  });

  it("refuses a plain-http issuer URL that is not loopback", async () => {
    const result = await runNode(
      NSC_SERVER_BIN,
      [
        "--data-dir",
        mkdtempSync(join(tmpdir(), "nsc-")),
        "--listen",
        "127.0.0.1:0",
        "--issuer-url",
        "http://nsc.example.com",
      ],
      {
        ...process.env,
      },
    );
    assert.equal(result.code, 2, "a bad setting is a usage error");
    assert.match(result.stderr, /invalid_issuer_url/u);
  });

  it("serves HTTPS with --tls-cert and --tls-key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nsc-tls-"));
    const { cert, key } = writeSelfSignedCert(dir, "127.0.0.1");
    const tls = await startServer({
      env: { NSC_TLS_CERT: cert, NSC_TLS_KEY: key },
    });
    try {
      assert.match(tls.url, /^https:\/\/127\.0\.0\.1:\d+$/u);
      const body = await new Promise<string>((resolve, reject) => {
        get(`${tls.url}/.well-known/openid-configuration`, { rejectUnauthorized: false }, (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => {
            resolve(text);
          });
        }).on("error", reject);
      });
      assert.equal((JSON.parse(body) as { issuer: string }).issuer, tls.url);
    } finally {
      await tls.stop();
    }
  });
});

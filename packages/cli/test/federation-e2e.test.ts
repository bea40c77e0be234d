import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { TEST_DATABASES } from "@nsc/server/testing";
import { NSC_BIN, NSC_SERVER_BIN, cliEnv, runNode, startServer, type ServerProcess } from "@nsc/testkit";

/**
 * The issuer's promise, end to end: a token from `nsc auth issue-id-token` inside a registered instance
 * verifies against the running server's discovery and JWKS with an off-the-shelf verifier, across a key
 * rotation, on both databases.
 */
for (const database of TEST_DATABASES) {
  describe(`nsc auth issue-id-token against nsc-server on ${database.name}`, () => {
    let db: { url: string | undefined; drop(): Promise<void> };
    let server: ServerProcess;
    let env: NodeJS.ProcessEnv;
    let workloadEnv: NodeJS.ProcessEnv;
    let instanceId: string;
    let workspaceId: string;

    before(async () => {
      db =
        database.name === "sqlite"
          ? { url: undefined, drop: () => Promise.resolve() }
          : await database.create();
      server = await startServer(db.url === undefined ? {} : { databaseUrl: db.url });
      env = cliEnv({ NSC_ENDPOINT: server.url, NSC_TOKEN: server.adminToken() });
      const tokenFile = join(server.dataDir, "instance-token.json");
      const created = await runNode(
        NSC_BIN,
        ["instances", "create", "--token-file", tokenFile, "-o", "json"],
        env,
      );
      assert.equal(created.code, 0, created.stderr);
      assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
      const parsed = JSON.parse(created.stdout) as { instance: { id: string; workspace_id: string } };
      instanceId = parsed.instance.id;
      workspaceId = parsed.instance.workspace_id;
      // The workload has only its credential file and the endpoint: no API token.
      workloadEnv = cliEnv({ NSC_ENDPOINT: server.url, NSC_TOKEN_FILE: tokenFile });
    });
    after(async () => {
      await server.stop();
      await db.drop();
    });

    const issue = async (...args: string[]): Promise<string> => {
      const result = await runNode(NSC_BIN, ["auth", "issue-id-token", ...args], workloadEnv);
      assert.equal(result.code, 0, result.stderr);
      return result.stdout;
    };
    const verify = async (token: string, audience: string) => {
      const discovery = (await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()) as {
        issuer: string;
        jwks_uri: string;
      };
      return jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
        issuer: discovery.issuer,
        audience,
        typ: "JWT",
      });
    };

    it("prints nsc's plain and JSON formats, and the token verifies with the subject and audience asked for", async () => {
      const plain = await issue("--audience", "api.tailscale.com/k123");
      assert.match(plain, /^ID token: [\w-]+\.[\w-]+\.[\w-]+\n\n$/u);
      const { payload } = await verify(plain.slice("ID token: ".length).trim(), "api.tailscale.com/k123");
      assert.equal(payload.sub, `${workspaceId}/${instanceId}`);
      assert.equal(payload.aud, "api.tailscale.com/k123");
      assert.equal(payload.tenant_id, workspaceId);

      const json = JSON.parse(
        await issue("--audience", "sts.amazonaws.com", "--duration", "1h", "-o", "json"),
      ) as { id_token: string };
      const verified = await verify(json.id_token, "sts.amazonaws.com");
      assert.equal((verified.payload.exp ?? 0) - (verified.payload.iat ?? 0), 3600);
    });

    it("publishes the next key on `nsc-server keys rotate` and keeps every token verifying", async () => {
      const before = await issue("--audience", "rp", "-o", "json");
      const storage = [
        "--data-dir",
        server.dataDir,
        ...(db.url === undefined ? [] : ["--database-url", db.url]),
      ];
      const rotate = await runNode(NSC_SERVER_BIN, ["keys", "rotate", ...storage], process.env);
      assert.equal(rotate.code, 0, rotate.stderr);
      // A running server picks up the published next key; restart to read it now rather than in a minute.
      await server.stop();
      server = await startServer({
        dataDir: server.dataDir,
        ...(db.url === undefined ? {} : { databaseUrl: db.url }),
      });
      workloadEnv = { ...workloadEnv, NSC_ENDPOINT: server.url };
      const jwks = (await (await fetch(`${server.url}/.well-known/jwks`)).json()) as { keys: unknown[] };
      assert.equal(jwks.keys.length, 2, "the next key is published before it signs");
      const { id_token } = JSON.parse(before) as { id_token: string };
      // The token from before the rotation still verifies against the JWKS served now (the issuer URL moved
      // with the restart to a new port, so only the signature and audience are checked for it).
      const after = JSON.parse(await issue("--audience", "rp", "-o", "json")) as { id_token: string };
      await verify(after.id_token, "rp");
      const verifier = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks`));
      await jwtVerify(id_token, verifier, { audience: "rp" });
    });
  });
}

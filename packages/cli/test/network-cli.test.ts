import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { NSC_BIN, cliEnv, runNode } from "@nsc/testkit";

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

void describe("nsc against a server that is slow, silent or failing (real nsc processes)", () => {
  const dir = mkdtempSync(join(tmpdir(), "nsc-network-"));
  const sockets = new Set<Socket>();
  let silentUrl: string;
  let flakyUrl: string;
  let flakyCalls = 0;
  let silentRequests = 0;
  const servers: Server[] = [];

  before(async () => {
    // Accepts connections and reads requests, never answers: the hang of a wedged proxy or server.
    const silent = createServer(() => {
      silentRequests++;
    });
    // Answers 503 twice, then an ID token.
    const flaky = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        flakyCalls++;
        if (flakyCalls <= 2) {
          res.writeHead(503, { "content-type": "application/json" });
          res.end(
            '{"error":{"code":"database_unavailable","message":"the database is not reachable right now"}}',
          );
        } else {
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"id_token":"eyJ.e30.sig","expires_at":"2030-01-01T00:00:00Z"}');
        }
      });
    });
    for (const server of [silent, flaky]) {
      server.on("connection", (socket: Socket) => sockets.add(socket));
      servers.push(server);
    }
    silentUrl = await listen(silent);
    flakyUrl = await listen(flaky);
  });
  after(() => {
    for (const socket of sockets) socket.destroy();
    for (const server of servers) server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const workloadEnv = (endpoint: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    const tokenFile = join(dir, `token-${String(Math.random()).slice(2)}.json`);
    writeFileSync(tokenFile, JSON.stringify({ bearer_token: "nscw_networktestnetworktest", endpoint }), {
      mode: 0o600,
    });
    return cliEnv({ NSC_TOKEN_FILE: tokenFile, NSC_METADATA_DIR: join(dir, "none"), ...extra });
  };

  void it("makes tailscale up fail within NSC_TIMEOUT when the server never answers", async () => {
    const started = Date.now();
    const result = await runNode(NSC_BIN, ["tailscale", "up"], workloadEnv(silentUrl, { NSC_TIMEOUT: "2s" }));
    const elapsed = Date.now() - started;
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /^Error: cannot reach the nsc server at http:\/\/127\.0\.0\.1:\d+ \(no answer within 2 s; endpoint from the token file\): .* \[server_unreachable\]\n$/u,
    );
    // The stated timeout bounds the whole call: no retry starts after it, and it is far below the 30 s default.
    assert.equal(silentRequests, 1);
    assert.ok(elapsed < 25_000, `took ${elapsed} ms`);
  });

  void it("says on stderr what it retries and for how long, then succeeds", async () => {
    flakyCalls = 0;
    const result = await runNode(
      NSC_BIN,
      ["auth", "issue-id-token", "--audience", "sts.amazonaws.com"],
      workloadEnv(flakyUrl),
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "ID token: eyJ.e30.sig\n\n");
    const lines = result.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 2, result.stderr);
    for (const [i, line] of lines.entries()) {
      assert.match(
        line,
        new RegExp(
          `^nsc: retrying POST ${flakyUrl}/v1/id-token in \\d+\\.\\d s \\(try ${i + 2} of 5, giving up within \\d+ s\\): the database is not reachable right now \\[database_unavailable\\]$`,
          "u",
        ),
      );
    }
    assert.equal(flakyCalls, 3);
  });

  void it("rejects a CA file that is not PEM before any request", async () => {
    const notPem = join(dir, "ca.der");
    writeFileSync(notPem, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
    const result = await runNode(
      NSC_BIN,
      ["--ca-file", notPem, "auth", "issue-id-token", "--audience", "x"],
      workloadEnv(flakyUrl),
    );
    assert.equal(result.code, 1, "auth issue-id-token exits 1 on every failure, as upstream");
    assert.match(
      result.stderr,
      /^Error: the CA file of --ca-file .*ca\.der holds no PEM certificate.* \[invalid_config\]\n$/u,
    );
  });
});

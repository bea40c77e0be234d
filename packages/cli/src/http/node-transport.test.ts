import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, request as httpRequest } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { networkSettings } from "./network-settings.js";
import { createNodeTransport, type NetworkSettings } from "./node-transport.js";
import { proxyFor } from "./proxy-for.js";
import { TransportError } from "./transport.js";

const HANG_GUARD_MS = 60_000;

async function listening(server: {
  listen(port: number, host: string, done: () => void): unknown;
  address(): unknown;
}): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function settings(extra: Partial<NetworkSettings> = {}): NetworkSettings {
  return { connectTimeoutMs: HANG_GUARD_MS, timeoutMs: HANG_GUARD_MS, env: {}, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TransportError, `a TransportError, not ${String(error)}`);
    return error;
  }
  assert.fail("the request was answered");
}

/** A CA, and a server certificate it signed for 127.0.0.1 and localhost, made with openssl. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string; caFile: string } {
  const run = (args: string[]): void => {
    execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
  };
  run(
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
    ].concat(["-subj", "/CN=nsc test CA"]),
  );
  run([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "srv.key",
    "-out",
    "srv.csr",
    "-subj",
    "/CN=localhost",
  ]);
  writeFileSync(join(dir, "ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  run(
    ["x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial"].concat([
      "-out",
      "srv.pem",
      "-days",
      "2",
      "-extfile",
      "ext",
    ]),
  );
  return {
    ca: readFileSync(join(dir, "ca.pem"), "utf8"),
    cert: readFileSync(join(dir, "srv.pem"), "utf8"),
    key: readFileSync(join(dir, "srv.key"), "utf8"),
    caFile: join(dir, "ca.pem"),
  };
}

void describe("the CLI's node:http transport", () => {
  const dir = mkdtempSync(join(tmpdir(), "nsc-transport-"));
  const sockets = new Set<Socket>();
  const servers: {
    close(): unknown;
    on(event: "connection", listener: (socket: Socket) => void): unknown;
  }[] = [];
  let echoPort = 0;
  let hangPort = 0;
  let httpsPort = 0;
  let tlsSilentPort = 0;
  let proxyPort = 0;
  let certs: ReturnType<typeof makeCertificates>;
  const proxied: string[] = [];

  before(async () => {
    certs = makeCertificates(dir);
    const echo = createHttpServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: req.method, url: req.url, host: req.headers.host, body }));
      });
    });
    echoPort = await listening(echo);
    // Accepts connections, reads requests, never answers.
    const hang = createHttpServer(() => undefined);
    hang.on("connection", (socket: Socket) => sockets.add(socket));
    hangPort = await listening(hang);
    const secure = createHttpsServer({ cert: certs.cert, key: certs.key }, (_req, res) => {
      res.end('{"secure":true}');
    });
    httpsPort = await listening(secure);
    // Accepts TCP and never starts TLS: the connection never becomes usable.
    const silent = createNetServer((socket) => sockets.add(socket));
    tlsSilentPort = await listening(silent);
    // A forward proxy: absolute-URI requests for http targets, CONNECT tunnels for https ones.
    const proxy = createHttpServer((req, res) => {
      proxied.push(`${req.method ?? ""} ${req.url ?? ""}`);
      const target = new URL(req.url ?? "");
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    proxy.on("connect", (req, client: Socket) => {
      proxied.push(`CONNECT ${req.url ?? ""}`);
      const [host, port] = (req.url ?? "").split(":");
      const upstream = connect(Number(port), host ?? "", () => {
        sockets.add(upstream);
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on("error", () => client.destroy());
    });
    proxyPort = await listening(proxy);
    servers.push(echo, hang, secure, silent, proxy);
    for (const server of servers) server.on("connection", (socket: Socket) => sockets.add(socket));
  });
  after(() => {
    for (const socket of sockets) socket.destroy();
    for (const server of servers) server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  void it("sends the request and reads any status as an answer", async () => {
    const transport = createNodeTransport(settings());
    const ok = await transport({
      method: "POST",
      url: `http://127.0.0.1:${echoPort}/v1/thing?x=1`,
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(ok.body), {
      method: "POST",
      url: "/v1/thing?x=1",
      host: `127.0.0.1:${echoPort}`,
      body: '{"a":1}',
    });
    const missing = await transport({
      method: "GET",
      url: `http://127.0.0.1:${echoPort}/missing`,
      headers: {},
    });
    assert.equal(missing.status, 404);
  });

  void it("gives up on a server that accepts and never answers after the total timeout", async () => {
    const transport = createNodeTransport(settings({ timeoutMs: 300 }));
    const error = await rejection(
      transport({ method: "GET", url: `http://127.0.0.1:${hangPort}/`, headers: {} }),
    );
    assert.equal(error.failure, "timeout");
    assert.equal(error.message, "no answer within 0.3 s");
    // A caller's own deadline wins over the transport's.
    const short = createNodeTransport(settings());
    const capped = await rejection(
      short({ method: "GET", url: `http://127.0.0.1:${hangPort}/`, headers: {}, timeoutMs: 200 }),
    );
    assert.equal(capped.message, "no answer within 0.2 s");
  });

  void it("gives up on a connection that does not open within the connect timeout", async () => {
    const transport = createNodeTransport(settings({ connectTimeoutMs: 300 }));
    const error = await rejection(
      transport({ method: "GET", url: `https://127.0.0.1:${tlsSilentPort}/`, headers: {} }),
    );
    assert.equal(error.failure, "connect_timeout");
    assert.equal(error.message, `could not connect to 127.0.0.1:${tlsSilentPort} within 0.3 s`);
  });

  void it("names a refused connection", async () => {
    const closed = createNetServer();
    const port = await listening(closed);
    closed.close();
    const error = await rejection(
      createNodeTransport(settings())({ method: "GET", url: `http://127.0.0.1:${port}/`, headers: {} }),
    );
    assert.equal(error.failure, "refused");
  });

  void it("refuses a certificate of a private CA with a hint, and trusts it with the CA file", async () => {
    const url = `https://127.0.0.1:${httpsPort}/`;
    const untrusted = await rejection(createNodeTransport(settings())({ method: "GET", url, headers: {} }));
    assert.equal(untrusted.failure, "tls_untrusted");
    assert.match(untrusted.message, /point NSC_CA_FILE \(or --ca-file\) at that CA's PEM certificate/u);
    const trusted = createNodeTransport(
      settings({ extraCa: { pem: certs.ca, source: `NSC_CA_FILE=${certs.caFile}` } }),
    );
    assert.equal((await trusted({ method: "GET", url, headers: {} })).body, '{"secure":true}');
  });

  void it("goes through HTTP_PROXY and HTTPS_PROXY, and around them for NO_PROXY hosts", async () => {
    proxied.length = 0;
    const env = { HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, HTTPS_PROXY: `http://127.0.0.1:${proxyPort}` };
    const transport = createNodeTransport(settings({ env, extraCa: { pem: certs.ca, source: "test" } }));
    const plain = await transport({ method: "GET", url: `http://127.0.0.1:${echoPort}/via`, headers: {} });
    assert.equal((JSON.parse(plain.body) as { url: string }).url, "/via");
    const secure = await transport({ method: "GET", url: `https://127.0.0.1:${httpsPort}/`, headers: {} });
    assert.equal(secure.body, '{"secure":true}');
    assert.deepEqual(proxied, [`GET http://127.0.0.1:${echoPort}/via`, `CONNECT 127.0.0.1:${httpsPort}`]);

    proxied.length = 0;
    const direct = createNodeTransport(settings({ env: { ...env, NO_PROXY: "example.com,127.0.0.1" } }));
    await direct({ method: "GET", url: `http://127.0.0.1:${echoPort}/direct`, headers: {} });
    assert.deepEqual(proxied, []);
  });
});

void describe("proxyFor", () => {
  const target = new URL("https://nsc.corp.example:8443/v1");
  void it("reads HTTPS_PROXY for https and HTTP_PROXY for http, lowercase first", () => {
    assert.equal(proxyFor(target, { HTTPS_PROXY: "http://proxy:3128" })?.host, "proxy:3128");
    assert.equal(proxyFor(target, { https_proxy: "lower:1", HTTPS_PROXY: "upper:2" })?.host, "lower:1");
    assert.equal(proxyFor(target, { HTTP_PROXY: "http://proxy:3128" }), undefined);
    assert.equal(proxyFor(new URL("http://a.test"), { HTTP_PROXY: "proxy:80" })?.port, 80);
  });
  void it("sends the proxy's user and password as Basic, and never shows them", () => {
    const proxy = proxyFor(target, { HTTPS_PROXY: "http://us%40er:pa%3Ass@proxy:3128" });
    assert.equal(proxy?.authorization, `Basic ${Buffer.from("us@er:pa:ss").toString("base64")}`);
    assert.equal(proxy.host, "proxy:3128");
  });
  void it("skips hosts NO_PROXY lists by name, domain suffix, port or *", () => {
    const env = { HTTPS_PROXY: "proxy:3128" };
    for (const noProxy of [
      "corp.example",
      ".corp.example",
      "nsc.corp.example:8443",
      "*",
      "x, corp.example",
    ]) {
      assert.equal(proxyFor(target, { ...env, NO_PROXY: noProxy }), undefined, noProxy);
    }
    for (const noProxy of ["other.example", "nsc.corp.example:443", "example.corp"]) {
      assert.notEqual(proxyFor(target, { ...env, no_proxy: noProxy }), undefined, noProxy);
    }
  });
});

void describe("networkSettings", () => {
  const dir = mkdtempSync(join(tmpdir(), "nsc-netset-"));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  void it("reads the timeouts, and rejects ones out of range", () => {
    const read = networkSettings({ NSC_CONNECT_TIMEOUT: "3s", NSC_TIMEOUT: "2m" });
    assert.equal(read.connectTimeoutMs, 3000);
    assert.equal(read.timeoutMs, 120_000);
    assert.throws(() => networkSettings({ NSC_TIMEOUT: "0" }), { code: "invalid_duration" });
    assert.throws(() => networkSettings({ NSC_CONNECT_TIMEOUT: "soon" }), { code: "invalid_duration" });
  });
  void it("takes --ca-file over NSC_CA_FILE, and rejects a file that is not PEM or cannot be read", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    writeFileSync(join(dir, "ca.pem"), pem);
    writeFileSync(join(dir, "ca.der"), Buffer.from([0x30, 0x82, 0x01]));
    const flagged = networkSettings({ NSC_CA_FILE: join(dir, "ca.der") }, join(dir, "ca.pem"));
    assert.equal(flagged.extraCa?.pem, pem);
    assert.equal(flagged.extraCa.source, `--ca-file ${join(dir, "ca.pem")}`);
    assert.throws(
      () => networkSettings({ NSC_CA_FILE: join(dir, "ca.der") }),
      (error: unknown) =>
        error instanceof NscError &&
        error.code === "invalid_config" &&
        error.message.includes("no PEM certificate"),
    );
    assert.throws(
      () => networkSettings({}, join(dir, "absent.pem")),
      (error: unknown) =>
        error instanceof NscError && error.code === "invalid_config" && error.message.includes("ENOENT"),
    );
  });
});

import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import { connect as tlsConnect, rootCertificates, type TLSSocket } from "node:tls";
import { proxyFor } from "./proxy-for.js";
import { TransportError, type HttpRequest, type HttpResponse, type Transport } from "./transport.js";

/** How the CLI's requests reach a server. */
export interface NetworkSettings {
  /** How long a TCP (and TLS) connection may take to open, per request. */
  readonly connectTimeoutMs: number;
  /** How long a request may take in all, from the first byte sent to the last byte read. */
  readonly timeoutMs: number;
  /** PEM certificates trusted besides the system's roots (`NSC_CA_FILE`, `--ca-file`), and where they came from. */
  readonly extraCa?: { readonly pem: string; readonly source: string };
  /** The environment, for `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (either case). */
  readonly env: NodeJS.ProcessEnv;
}

/** TLS verification failures that a private CA explains. */
const UNTRUSTED_CERT_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_UNTRUSTED",
]);

/**
 * The CLI's transport on `node:http` and `node:https`: one connection per request, closed after the answer
 * (nothing keeps the process alive once a command is done), a connect timeout and a total timeout, a proxy
 * from `HTTPS_PROXY`/`HTTP_PROXY` unless `NO_PROXY` exempts the host (an HTTPS target is tunnelled with
 * CONNECT), and extra trusted CAs. `fetch` is not used: its parser is compiled on first use and holds the
 * process open after the last answer.
 *
 * @example
 * const transport = createNodeTransport({ connectTimeoutMs: 10_000, timeoutMs: 30_000, env: process.env });
 * const { status, body } = await transport({ method: "GET", url: "https://nsc.example.com/healthz", headers: {} });
 */
export function createNodeTransport(settings: NetworkSettings): Transport {
  const ca = settings.extraCa === undefined ? undefined : [...rootCertificates, settings.extraCa.pem];
  return (request) => send(request, settings, ca);
}

function send(
  request: HttpRequest,
  settings: NetworkSettings,
  ca: string[] | undefined,
): Promise<HttpResponse> {
  const target = new URL(request.url);
  const secure = target.protocol === "https:";
  const proxy = proxyFor(target, settings.env);
  const totalMs = request.timeoutMs ?? settings.timeoutMs;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const open: ClientRequest[] = [];
    const fail = (error: TransportError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      for (const r of open) r.destroy();
      reject(error);
    };
    const totalTimer = setTimeout(() => {
      fail(new TransportError("timeout", `no answer within ${seconds(totalMs)}`));
    }, totalMs);
    const connectTimer = setTimeout(
      () => {
        fail(
          new TransportError(
            "connect_timeout",
            `could not connect to ${proxy === undefined ? target.host : `the proxy ${proxy.host}`} within ${seconds(settings.connectTimeoutMs)}`,
          ),
        );
      },
      Math.min(settings.connectTimeoutMs, totalMs),
    );
    const connected = (): void => {
      clearTimeout(connectTimer);
    };
    const onResponse = (res: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", (error) => {
        fail(describeSocketError(error, target, settings));
      });
      res.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
    };
    const headers: Record<string, string> = { ...request.headers, connection: "close" };
    if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
    const start = (makeRequest: () => ClientRequest, secureSocketEvent: boolean): void => {
      const req = makeRequest();
      open.push(req);
      req.on("socket", (socket: Socket) => {
        // A reused or already connected socket (a CONNECT tunnel) needs no connect wait.
        if (!socket.connecting && !secureSocketEvent) connected();
        socket.once(secureSocketEvent ? "secureConnect" : "connect", connected);
      });
      req.on("response", onResponse);
      req.on("error", (error) => {
        fail(describeSocketError(error, target, settings));
      });
      req.end(request.body);
    };

    const path = `${target.pathname}${target.search}`;
    if (proxy === undefined) {
      const options = {
        method: request.method,
        host: target.hostname.replace(/^\[|\]$/gu, ""),
        port: target.port === "" ? (secure ? 443 : 80) : Number(target.port),
        path,
        headers: { ...headers, host: target.host },
        agent: false as const,
        ...(secure ? { servername: target.hostname, ...(ca === undefined ? {} : { ca }) } : {}),
      };
      start(() => (secure ? httpsRequest(options) : httpRequest(options)), secure);
      return;
    }
    const proxyHeaders: Record<string, string> =
      proxy.authorization === undefined ? {} : { "proxy-authorization": proxy.authorization };
    if (!secure) {
      // A plain-HTTP target through a proxy: the absolute URL as the request target.
      start(
        () =>
          httpRequest({
            method: request.method,
            host: proxy.hostname,
            port: proxy.port,
            path: target.toString(),
            headers: { ...headers, ...proxyHeaders, host: target.host },
            agent: false,
          }),
        false,
      );
      return;
    }
    const authority = `${target.hostname}:${target.port === "" ? "443" : target.port}`;
    const tunnel = httpRequest({
      method: "CONNECT",
      host: proxy.hostname,
      port: proxy.port,
      path: authority,
      headers: { host: authority, ...proxyHeaders },
      agent: false,
    });
    open.push(tunnel);
    tunnel.on("error", (error) => {
      fail(new TransportError("proxy", `the proxy ${proxy.host} failed: ${codeOf(error)}`, { cause: error }));
    });
    tunnel.on("connect", (res: IncomingMessage, socket: Socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        fail(
          new TransportError(
            "proxy",
            `the proxy ${proxy.host} refused to tunnel to ${authority} (HTTP ${res.statusCode ?? 0})`,
          ),
        );
        return;
      }
      const tls: TLSSocket = tlsConnect({
        socket,
        servername: target.hostname,
        ...(ca === undefined ? {} : { ca }),
      });
      tls.once("secureConnect", connected);
      start(
        () =>
          httpsRequest({
            method: request.method,
            path,
            headers: { ...headers, host: target.host },
            // No agent: with `createConnection` and no agent, the request uses this tunnelled socket.
            createConnection: () => tls,
          }),
        false,
      );
    });
    tunnel.end();
  });
}

function describeSocketError(error: Error, target: URL, settings: NetworkSettings): TransportError {
  const code = codeOf(error);
  if (UNTRUSTED_CERT_CODES.has(code)) {
    const hint =
      settings.extraCa === undefined
        ? "if it uses a private CA, point NSC_CA_FILE (or --ca-file) at that CA's PEM certificate"
        : `it is not signed by a CA in ${settings.extraCa.source} or the system's roots`;
    return new TransportError(
      "tls_untrusted",
      `the certificate of ${target.host} is not trusted (${code}): ${hint}`,
      { cause: error },
    );
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID" || code === "CERT_HAS_EXPIRED" || code.startsWith("ERR_SSL")) {
    return new TransportError("tls", `TLS with ${target.host} failed (${code})`, { cause: error });
  }
  if (code === "ECONNREFUSED") return new TransportError("refused", "ECONNREFUSED", { cause: error });
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new TransportError("dns", `${code}: cannot resolve ${target.hostname}`, { cause: error });
  }
  return new TransportError("network", code, { cause: error });
}

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : error.message;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** The answer to {@link postRaw}. */
export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * POSTs `body` to `url` with exactly `headers` (plus `Host`, `Content-Length` and `Connection`, which every
 * HTTP/1.1 client sends). The URL is used as given, so `http://h//api` stays `//api`. Rejects on network
 * errors and after `timeoutMs`, worded as Go's net/http words them (`dial tcp 127.0.0.1:9: connect:
 * connection refused`, `… (Client.Timeout exceeded while awaiting headers)`).
 */
export function postRaw(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
): Promise<RawResponse> {
  const target = new URL(url);
  const path = url.slice(url.indexOf("/", target.protocol.length + 2)) || "/";
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      {
        method: "POST",
        hostname: target.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: target.port === "" ? undefined : Number(target.port),
        path,
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers["content-type"] ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
        response.on("error", reject);
      },
    );
    request.on("timeout", () =>
      request.destroy(
        new Error("context deadline exceeded (Client.Timeout exceeded while awaiting headers)"),
      ),
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      reject(new Error(goNetworkError(error, target)));
    });
    request.end(body);
  });
}

function goNetworkError(error: NodeJS.ErrnoException, target: URL): string {
  const host = target.hostname.replace(/^\[(.*)\]$/u, "$1");
  const port = target.port === "" ? (target.protocol === "https:" ? "443" : "80") : target.port;
  const code = error.code ?? "";
  if (code === "ECONNREFUSED") return `dial tcp ${host}:${port}: connect: connection refused`;
  if (code === "ENOTFOUND") return `dial tcp: lookup ${host}: no such host`;
  if (code === "ECONNRESET") return "read: connection reset by peer";
  return error.message;
}

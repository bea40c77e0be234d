import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { rootCertificates } from "node:tls";
import { NscError, checkFetchableUrl, forbiddenAddressReason } from "@nsc/core";

/** How nsc-server fetches an external issuer's documents. */
export interface ExternalFetchSettings {
  /** Whole-request deadline, connection included. */
  readonly timeoutMs: number;
  /** Largest body accepted, in bytes. */
  readonly maxBytes: number;
  /**
   * Extra PEM certificates trusted for https besides the system's roots (`--trust-ca-file`), for
   * issuers with a private CA such as a cluster's own.
   */
  readonly extraCaPem?: string | undefined;
}

/** Defaults: 5 s, 256 KiB. */
export const DEFAULT_EXTERNAL_FETCH: ExternalFetchSettings = { timeoutMs: 5000, maxBytes: 256 * 1024 };

/** A fetched document. */
export interface ExternalResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** GETs a URL of an external issuer; see {@link createExternalFetcher}. */
export type ExternalFetcher = (url: string) => Promise<ExternalResponse>;

const MAX_REDIRECTS = 3;

/**
 * Refuses, at connection time, any resolved address that {@link forbiddenAddressReason} refuses, so a
 * host name whose DNS answer changes after configuration (DNS rebinding) still cannot reach a metadata
 * service.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error !== null) {
      callback(error, "", 0);
      return;
    }
    for (const { address } of addresses) {
      const reason = forbiddenAddressReason(address);
      if (reason !== null) {
        callback(
          Object.assign(new Error(`${hostname} resolves to ${address}: ${reason}`), { code: "EFORBIDDEN" }),
          "",
          0,
        );
        return;
      }
    }
    if (options.all === true) {
      (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return;
    }
    const first = addresses[0];
    if (first === undefined) {
      callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      return;
    }
    callback(null, first.address, first.family);
  });
};

/**
 * Makes the fetcher for external issuers' discovery documents and JWKS. Each GET has a deadline and a
 * size cap; redirects are followed at most three times and never from https to http; every URL, the
 * redirect targets included, must pass {@link checkFetchableUrl}, and no connection is made to a
 * link-local or metadata address. Any failure is `issuer_keys_unavailable` naming the URL and the cause.
 */
export function createExternalFetcher(settings: ExternalFetchSettings): ExternalFetcher {
  const ca = settings.extraCaPem === undefined ? undefined : [...rootCertificates, settings.extraCaPem];
  return async (first) => {
    let url = first;
    for (let redirects = 0; ; redirects += 1) {
      const response = await getOnce(url, settings, ca);
      if (response.status >= 300 && response.status < 400 && response.headers.location !== undefined) {
        if (redirects >= MAX_REDIRECTS) throw unavailable(first, "more than 3 redirects");
        const next = new URL(response.headers.location, url);
        if (new URL(url).protocol === "https:" && next.protocol !== "https:") {
          throw unavailable(
            first,
            `it redirects from https to ${next.protocol.slice(0, -1)} (${next.href}); nsc follows redirects only to https`,
          );
        }
        try {
          checkFetchableUrl(next.href, "location", "redirect target");
        } catch (error) {
          throw unavailable(first, error instanceof Error ? error.message : String(error));
        }
        url = next.href;
        continue;
      }
      return response;
    }
  };
}

function unavailable(url: string, why: string): NscError {
  return new NscError("issuer_keys_unavailable", `cannot fetch ${url}: ${why}`);
}

function getOnce(
  url: string,
  settings: ExternalFetchSettings,
  ca: string[] | undefined,
): Promise<ExternalResponse> {
  return new Promise((resolve, reject) => {
    const parsed = new URL(url);
    const secure = parsed.protocol === "https:";
    const request = (secure ? httpsRequest : httpRequest)(
      parsed,
      {
        method: "GET",
        headers: { accept: "application/json, application/jwk-set+json", "user-agent": "nsc-server" },
        lookup: guardedLookup,
        ...(secure && ca !== undefined ? { ca } : {}),
      },
      (response) => {
        const declared = Number(response.headers["content-length"] ?? "0");
        if (declared > settings.maxBytes) {
          request.destroy();
          reject(
            unavailable(url, `the answer is ${declared} bytes, more than the ${settings.maxBytes} allowed`),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > settings.maxBytes) {
            request.destroy();
            reject(unavailable(url, `the answer is more than the ${settings.maxBytes} bytes allowed`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => {
          clearTimeout(timer);
          resolve({
            url,
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
        response.on("error", (error) => {
          clearTimeout(timer);
          reject(unavailable(url, error.message));
        });
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      reject(unavailable(url, `no answer within ${settings.timeoutMs} ms`));
    }, settings.timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(unavailable(url, error.code === undefined ? error.message : `${error.code}: ${error.message}`));
    });
    request.end();
  });
}

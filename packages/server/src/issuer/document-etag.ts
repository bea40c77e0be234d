import { createHash } from "node:crypto";

/** A document ready to serve: the exact body bytes and their ETag. */
export interface SerializedDocument {
  /** Compact JSON, UTF-8. */
  readonly body: string;
  /** Strong ETag of `body`, quoted, see {@link documentEtag}. */
  readonly etag: string;
}

/**
 * The strong ETag of a response body: `"` + base64url(SHA-256(body)) + `"` (45 characters with the
 * quotes). Depends only on the bytes, so every replica serving the same keys gives the same ETag.
 *
 * @example
 * documentEtag('{"keys":[]}') // "\"…43 base64url characters…\""
 */
export function documentEtag(body: string): string {
  return `"${createHash("sha256").update(body, "utf8").digest("base64url")}"`;
}

/**
 * Serialises a discovery document or JWKS as compact JSON and computes its ETag. The documents are
 * built with a fixed member order, so equal documents give equal bytes.
 */
export function serializeDocument(document: object): SerializedDocument {
  const body = JSON.stringify(document);
  return { body, etag: documentEtag(body) };
}

/**
 * True when an `If-None-Match` request header matches `etag`, so a 304 can be sent: `*`, or a
 * comma-separated list containing it (weak `W/` prefixes compared weakly, as RFC 9110 §13.1.2 says).
 */
export function ifNoneMatchMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const wanted = etag.replace(/^W\//u, "");
  return ifNoneMatch
    .split(",")
    .map((candidate) => candidate.trim())
    .some((candidate) => candidate === "*" || candidate.replace(/^W\//u, "") === wanted);
}

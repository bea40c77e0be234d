import { NscError, checkIssuerShapedUrl, isLoopbackHostname, type Brand } from "@nsc/core";

/** An issuer URL in canonical form, see {@link parseIssuerUrl}. Token `iss` and discovery `issuer` use it. */
export type IssuerUrl = Brand<string, "IssuerUrl">;

/** Path of the discovery document below the issuer URL (OpenID Connect Discovery 1.0 §4). */
export const DISCOVERY_PATH = "/.well-known/openid-configuration";
/** Path of the JWKS below the issuer URL. */
export const JWKS_PATH = "/.well-known/jwks";

/** The result of {@link parseIssuerUrl}. */
export interface ParsedIssuerUrl {
  /** The canonical issuer: byte-equal in every token's `iss` and in the discovery document's `issuer`. */
  readonly issuer: IssuerUrl;
  /** `<issuer>/.well-known/openid-configuration`. */
  readonly discoveryUrl: string;
  /** `<issuer>/.well-known/jwks`. */
  readonly jwksUrl: string;
  /** Set when the issuer works only for local testing; log it. */
  readonly warning: string | null;
}

/**
 * Validates the configured public issuer URL and puts it in canonical form:
 * `https://<host>[:<port>][/<path>]` — scheme and host lower-case, the default port dropped, dot segments
 * resolved, and **no trailing slash** (`https://nsc.example.com/` becomes `https://nsc.example.com`,
 * `https://example.com/nsc/` becomes `https://example.com/nsc`). Relying parties compare `iss` with the
 * issuer they were given byte for byte, so configure them with the canonical form this returns.
 *
 * Rules: `https` only, except `http` to a loopback host (`localhost`, `*.localhost`, `127.0.0.0/8`,
 * `[::1]`) for local testing, which comes with a warning; no user name or password; no query string
 * and no fragment (not even an empty `?` or `#`).
 *
 * @example
 * parseIssuerUrl("https://NSC.example.com:443/").issuer // "https://nsc.example.com"
 * parseIssuerUrl("http://127.0.0.1:8080").warning // "… Tailscale requires a public HTTPS issuer …"
 *
 * @throws NscError `invalid_issuer_url`, saying what to change.
 */
export function parseIssuerUrl(value: string, field = "issuer_url"): ParsedIssuerUrl {
  const text = value.trim();
  const fail = (why: string): NscError =>
    new NscError("invalid_issuer_url", `invalid issuer URL ${JSON.stringify(text.slice(0, 200))}: ${why}`, {
      field,
    });
  if (text === "") {
    throw new NscError(
      "invalid_issuer_url",
      "the issuer URL is empty; set it to the public HTTPS URL where nsc-server is reachable, e.g. https://nsc.example.com",
      { field },
    );
  }
  const url = checkIssuerShapedUrl(text, fail, "https://nsc.example.com");
  const loopback = isLoopbackHostname(url.hostname);
  const path = url.pathname.replace(/\/+$/u, "");
  for (const suffix of [DISCOVERY_PATH, JWKS_PATH]) {
    if (path.endsWith(suffix)) {
      throw fail(
        `that is a document URL; give the issuer itself, ${url.origin}${path.slice(0, -suffix.length)}`,
      );
    }
  }
  const issuer = `${url.protocol}//${url.host}${path}` as IssuerUrl;
  return {
    issuer,
    discoveryUrl: issuer + DISCOVERY_PATH,
    jwksUrl: issuer + JWKS_PATH,
    warning: loopback
      ? `the issuer ${issuer} is reachable only from this machine: fine for local testing, but Tailscale requires a public HTTPS issuer`
      : null,
  };
}

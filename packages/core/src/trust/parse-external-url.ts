import { NscError } from "../errors/nsc-error.js";
import { forbiddenAddressReason } from "./forbidden-address.js";

/**
 * True for host names that stay on this machine: `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]`.
 * `hostname` is a URL's, so every IPv4 spelling is already dotted decimal.
 */
export function isLoopbackHostname(hostname: string): boolean {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  if (hostname === "[::1]") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(hostname);
}

/**
 * The rules every issuer-shaped URL nsc takes follows, its own issuer's and a trusted external one's alike:
 * absolute; `https`, or plain `http` only to a loopback host (local testing); no user name or password; no
 * query string or fragment, not even an empty `?` or `#`; a host. `fail` builds the error for a reason
 * (the caller names the setting), and `example` is the form the message suggests.
 *
 * @example
 * checkIssuerShapedUrl("http://127.0.0.1:8080", fail, "https://nsc.example.com").protocol // "http:"
 * @throws what `fail` returns, with a reason that says what to change.
 */
export function checkIssuerShapedUrl(text: string, fail: (why: string) => Error, example: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail(`it is not an absolute URL; use the form ${example}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw fail(`the scheme must be https, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.username !== "" || url.password !== "") throw fail("remove the user name and password");
  if (text.includes("?")) throw fail("remove the query string; an issuer URL has none");
  if (text.includes("#")) throw fail("remove the fragment; an issuer URL has none");
  if (url.hostname === "") throw fail("it has no host");
  if (url.protocol === "http:" && !isLoopbackHostname(url.hostname)) {
    throw fail("use https; plain http is allowed only for localhost, for local testing");
  }
  return url;
}

/** An external issuer URL, checked by {@link parseExternalIssuer}. */
export interface ExternalIssuer {
  /** Exactly as configured (trimmed): a token's `iss` must equal it byte for byte. */
  readonly issuer: string;
  /** `<issuer without trailing slash>/.well-known/openid-configuration`. */
  readonly discoveryUrl: string;
  /** Set for plain http to a loopback host, which works for local testing only. */
  readonly warning: string | null;
}

/**
 * Checks a URL nsc-server will fetch from on behalf of a trust relationship (an issuer, or a JWKS URL from
 * its discovery document): `https`, or plain `http` only to a loopback host (the rule nsc applies to its
 * own issuer URL); no user name or password; no query or fragment; and never a link-local or cloud
 * metadata address (see {@link forbiddenAddressReason}).
 *
 * @throws NscError `invalid_issuer_url` naming `field` and what to change.
 */
export function checkFetchableUrl(value: string, field: string, what: string): URL {
  const fail = (why: string): NscError =>
    new NscError("invalid_issuer_url", `invalid ${what} ${JSON.stringify(value.slice(0, 200))}: ${why}`, {
      field,
    });
  const url = checkIssuerShapedUrl(value, fail, "https://issuer.example.com");
  const forbidden = forbiddenAddressReason(url.hostname);
  if (forbidden !== null) throw fail(`nsc never fetches from ${url.hostname}: ${forbidden}`);
  return url;
}

/**
 * Validates the issuer of a trust relationship. The text is kept as given (only trimmed), since OpenID
 * Connect compares `iss` with the issuer exactly: `https://token.actions.githubusercontent.com` and the
 * same with a trailing `/` are different issuers.
 *
 * @example
 * parseExternalIssuer("https://token.actions.githubusercontent.com").discoveryUrl
 * // "https://token.actions.githubusercontent.com/.well-known/openid-configuration"
 * @throws NscError `invalid_issuer_url`.
 */
export function parseExternalIssuer(value: string, field = "issuer"): ExternalIssuer {
  const issuer = value.trim();
  if (issuer === "") {
    throw new NscError(
      "invalid_issuer_url",
      "the issuer is empty: give the external issuer's URL exactly as its tokens' iss claim has it",
      { field },
    );
  }
  if (issuer.length > 512) {
    throw new NscError("invalid_issuer_url", "the issuer is longer than 512 characters", { field });
  }
  const url = checkFetchableUrl(issuer, field, "issuer URL");
  return {
    issuer,
    discoveryUrl: `${issuer.replace(/\/+$/u, "")}/.well-known/openid-configuration`,
    warning:
      url.protocol === "http:"
        ? `the issuer ${issuer} uses plain http on a loopback address: fine for local testing only`
        : null,
  };
}

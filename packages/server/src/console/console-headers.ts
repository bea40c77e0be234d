/**
 * The console's Content-Security-Policy: everything from its own origin, no inline script or style, no
 * framing. The build emits only external hashed files, so nothing needs a nonce.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/** Headers on every console response, whatever its status. */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONSOLE_CSP,
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
};

/** Hashed build output never changes under its name. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** index.html (and unhashed files) must be revalidated so a new build is picked up. */
export const REVALIDATE = "no-cache";

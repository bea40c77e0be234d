import { NscError } from "../errors/nsc-error.js";

/** Longest OAuth client ID accepted; Tailscale's are far shorter. */
export const MAX_CLIENT_ID_LENGTH = 256;

/**
 * Validates a Tailscale trust-credential client ID: non-empty, printable, no whitespace and no `?` (the
 * agent appends `?preauthorized=true&ephemeral=true` itself).
 *
 * @throws NscError `invalid_client_id` with the reason.
 */
export function parseClientId(value: string, field = "oauth_client_id"): string {
  const fail = (reason: string): never => {
    throw new NscError("invalid_client_id", `invalid OAuth client ID: ${reason}`, { field });
  };
  if (value.length === 0) fail("it must not be empty (copy it from the trust credential in Tailscale)");
  if (value.length > MAX_CLIENT_ID_LENGTH) fail(`it is longer than ${MAX_CLIENT_ID_LENGTH} characters`);
  if (/\s/u.test(value)) fail("it must not contain whitespace");
  if (value.includes("?")) {
    fail(
      "it must not contain '?': give the bare client ID, nsc adds the ephemeral and preauthorized attributes",
    );
  }
  if (Array.from(value).some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    fail("it must not contain control characters");
  }
  return value;
}

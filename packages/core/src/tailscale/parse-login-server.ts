import { NscError } from "../errors/nsc-error.js";

/**
 * Validates an optional control-server URL for `tailscale up --login-server`: absolute `https://` (or
 * `http://` for a loopback test server), no query, fragment or credentials. A trailing `/` is removed,
 * since the Tailscale client appends `/api/v2/...` without normalising.
 *
 * @throws NscError `invalid_login_server`.
 */
export function parseLoginServer(value: string, field = "login_server"): string {
  const fail = (reason: string): never => {
    throw new NscError("invalid_login_server", `invalid login server ${JSON.stringify(value)}: ${reason}`, {
      field,
    });
  };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail("it must be an absolute URL such as https://controlplane.example.com");
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    fail("it must use https:// (plain http:// only for a loopback address)");
  }
  if (url.search !== "" || url.hash !== "") fail("it must not have a query or fragment");
  if (url.username !== "" || url.password !== "") fail("it must not contain credentials");
  return value.replace(/\/+$/u, "");
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * Which URLs the emulator will treat as an issuer or fetch keys from: `https://` always; `http://` only on a
 * loopback host and only when `allowInsecureLoopback` is on.
 */
export function isAllowedIssuerUrl(value: string, allowInsecureLoopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return true;
  return allowInsecureLoopback && url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
}

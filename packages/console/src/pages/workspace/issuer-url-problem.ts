/**
 * Why Tailscale could not use this issuer URL, or `undefined` when it looks fine. Tailscale fetches the
 * discovery document and keys itself, so the issuer must be HTTPS on a host reachable from the internet.
 *
 * @example
 * issuerUrlProblem("http://127.0.0.1:8080") // "it uses http:// …"
 * issuerUrlProblem("https://nsc.example.com") // undefined
 */
export function issuerUrlProblem(issuerUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuerUrl);
  } catch {
    return "it is not an absolute URL";
  }
  if (url.protocol !== "https:") {
    return `it uses ${url.protocol}// — Tailscale only accepts an https:// issuer`;
  }
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/gu, "");
  if (isLocalName(host)) return `its host ${host} is a local name that Tailscale cannot reach`;
  if (isPrivateIpv4(host) || isPrivateIpv6(host)) {
    return `its host ${host} is a loopback or private address that Tailscale cannot reach`;
  }
  return undefined;
}

function isLocalName(host: string): boolean {
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host.endsWith(".local") || host.endsWith(".internal") || host.endsWith(".lan")) return true;
  return !host.includes(".") && !host.includes(":");
}

function isPrivateIpv4(host: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u.exec(host);
  if (match === null) return false;
  const [a, b] = [Number(match[1]), Number(match[2])];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

function isPrivateIpv6(host: string): boolean {
  if (!host.includes(":")) return false;
  if (host === "::1" || host === "::") return true;
  return /^(fc|fd|fe[89ab])/u.test(host) || host.startsWith("::ffff:");
}

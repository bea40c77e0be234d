/** A proxy to send a request through. */
export interface Proxy {
  readonly hostname: string;
  readonly port: number;
  /** `host:port`, for messages (never the credentials). */
  readonly host: string;
  /** `Basic …` when the proxy URL carries a user and password. */
  readonly authorization?: string;
}

/**
 * The proxy for a target URL, as curl and Go read the environment: `HTTPS_PROXY` for https targets,
 * `HTTP_PROXY` for http ones (lowercase names too, lowercase first), unless `NO_PROXY` lists the host.
 * `NO_PROXY` is a comma-separated list of host names, domain suffixes (`.corp.example` or
 * `corp.example`, both matching subdomains), optional `:port`s, or `*` for every host.
 *
 * @example
 * proxyFor(new URL("https://nsc.corp"), { HTTPS_PROXY: "http://proxy:3128" }) // { hostname: "proxy", port: 3128, … }
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): Proxy | undefined {
  const names = target.protocol === "https:" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"];
  const value = names.map((name) => env[name]).find((v) => v !== undefined && v !== "");
  if (value === undefined) return undefined;
  if (exempt(target, env.no_proxy ?? env.NO_PROXY ?? "")) return undefined;
  let url: URL;
  try {
    url = new URL(value.includes("://") ? value : `http://${value}`);
  } catch {
    return undefined;
  }
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  const user = decodeURIComponent(url.username);
  const authorization =
    user === ""
      ? undefined
      : `Basic ${Buffer.from(`${user}:${decodeURIComponent(url.password)}`).toString("base64")}`;
  return {
    hostname: url.hostname.replace(/^\[|\]$/gu, ""),
    port,
    host: `${url.hostname}:${port}`,
    ...(authorization === undefined ? {} : { authorization }),
  };
}

function exempt(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/gu, "").toLowerCase();
  const port = target.port === "" ? (target.protocol === "https:" ? "443" : "80") : target.port;
  for (const raw of noProxy.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    const colon = entry.lastIndexOf(":");
    const hasPort = colon > 0 && !entry.includes("]") ? /^\d+$/u.test(entry.slice(colon + 1)) : false;
    const name = (hasPort ? entry.slice(0, colon) : entry).replace(/^\*?\./u, "").replace(/^\[|\]$/gu, "");
    if (hasPort && entry.slice(colon + 1) !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

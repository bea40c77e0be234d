import type { IncomingHttpHeaders } from "node:http";

const EMPTY_BASIC = "Basic Og==";

/** Headers for the request log: lower-case names, credentials replaced except the empty Basic `Og==`. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    if (name === "authorization" && text !== EMPTY_BASIC) {
      out[name] = `${text.split(" ", 1)[0] ?? ""} [redacted]`;
    } else {
      out[name] = text;
    }
  }
  return out;
}

/** A request body for the request log with `jwt` (form) and `authKey`/`nodeSecret` (JSON) values redacted. */
export function redactBody(body: string): string {
  return body
    .replace(/(^|&)jwt=[^&]*/g, "$1jwt=[redacted]")
    .replace(/("(?:authKey|nodeSecret)"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"[redacted]"');
}

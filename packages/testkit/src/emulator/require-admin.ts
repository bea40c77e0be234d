import type { IncomingHttpHeaders } from "node:http";
import { ApiError } from "./api-error.js";
import type { EmulatorContext } from "./emulator-context.js";

/**
 * Accepts the admin API key as `Authorization: Bearer <key>` or as Basic `<key>:`, like the real API;
 * otherwise throws 401.
 */
export function requireAdmin(headers: IncomingHttpHeaders, context: EmulatorContext): void {
  if (presentedApiToken(headers) !== context.adminApiKey) throw new ApiError(401, "API token invalid");
}

/** The API token in an `Authorization` header (Bearer, or the user part of Basic), if any. */
export function presentedApiToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization ?? "";
  const [scheme = "", value = ""] = header.split(" ", 2);
  if (scheme.toLowerCase() === "bearer") return value;
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }
  return undefined;
}

/** Whether `tailnet` in a path names the emulated tailnet (`-` always does). */
export function requireTailnet(tailnet: string | undefined, context: EmulatorContext): void {
  if (tailnet !== "-" && tailnet !== context.tailnet) throw new ApiError(404, "tailnet not found");
}

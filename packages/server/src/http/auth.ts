import type { MiddlewareHandler } from "hono";
import { NscError, type Role } from "@nsc/core";
import { authenticateApiToken } from "../tokens/api-tokens.js";
import type { AppDeps, AppEnv } from "./app-env.js";

/** Reads `Authorization: Bearer <secret>` (the scheme in any case, RFC 7235); anything else is `unauthenticated`. */
export function bearerSecret(header: string | undefined): string {
  const match = /^[Bb][Ee][Aa][Rr][Ee][Rr] ([A-Za-z0-9_\-.~+/=]{8,512})$/u.exec(header ?? "");
  if (match?.[1] === undefined) {
    throw new NscError(
      "unauthenticated",
      "send an API token as `Authorization: Bearer <token>` (log in with `nsc login`)",
    );
  }
  return match[1];
}

/**
 * Authenticates an API token and admits only the listed roles. The workspace of every request is the
 * token's workspace; no route takes a workspace from the client.
 */
export function requireRole(deps: AppDeps, ...roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const secret = bearerSecret(c.req.header("authorization"));
    if (secret.startsWith("nscw_")) {
      throw new NscError("forbidden", "a workload token cannot call this endpoint: use an API token");
    }
    const principal = await authenticateApiToken(deps.store.db, secret, deps.runtime.clock.now());
    if (!roles.includes(principal.role)) {
      throw new NscError(
        "forbidden",
        `this needs a token with role ${roles.map((r) => `"${r}"`).join(" or ")}; this token has role "${principal.role}"`,
      );
    }
    c.set("principal", principal);
    await next();
  };
}

/** Every role that may read workspace data. */
export const READERS: readonly Role[] = ["admin", "member"];

import type { MiddlewareHandler } from "hono";
import { NscError, type Role } from "@nsc/core";
import { authenticateApiToken } from "./api-tokens.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";
import { bearerSecret } from "../http/bearer-secret.js";

/**
 * Authenticates an API token and admits only the listed roles. The workspace of every request is the
 * token's workspace; no route takes a workspace from the client.
 */
export function requireRole(deps: AppDeps, ...roles: readonly Role[]): MiddlewareHandler<ApiTokenEnv> {
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

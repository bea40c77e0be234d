import type { MiddlewareHandler } from "hono";
import { API_TOKEN_PREFIX, NscError, WORKLOAD_TOKEN_PREFIX } from "@nsc/core";
import { bearerSecret } from "../http/bearer-secret.js";
import type { AppDeps, WorkloadEnv } from "../app/app-env.js";
import { authenticateWorkload } from "../instances/authenticate-workload.js";

/** Admits only a live instance's workload token (`nscw_…`) and puts the instance on the context. */
export function requireWorkload(deps: AppDeps): MiddlewareHandler<WorkloadEnv> {
  return async (c, next) => {
    const secret = bearerSecret(c.req.header("authorization"));
    if (secret.startsWith(API_TOKEN_PREFIX)) {
      throw new NscError(
        "forbidden",
        "this endpoint takes an instance's workload token (nscw_…), not an API token",
      );
    }
    if (!secret.startsWith(WORKLOAD_TOKEN_PREFIX)) {
      throw new NscError(
        "unauthenticated",
        "send the instance's workload token (nscw_…) as `Authorization: Bearer <token>`",
      );
    }
    c.set("instance", await authenticateWorkload(deps.store.db, secret, deps.runtime.clock.now()));
    await next();
  };
}

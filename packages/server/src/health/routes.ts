import { Hono } from "hono";
import { NscError } from "@nsc/core";
import type { AppDeps, AppEnv } from "../app/app-env.js";

/** `GET /healthz` (the process answers) and `GET /readyz` (the database answers too). */
export function healthRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await deps.store.ping();
    } catch (error) {
      deps.runtime.logger.warn("readiness check failed", {
        error: error instanceof Error ? error.message : "unknown",
      });
      throw new NscError("database_unavailable", "the database is not reachable");
    }
    return c.json({ status: "ready", database: deps.store.dialect });
  });
  return app;
}

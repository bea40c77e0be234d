import { Hono } from "hono";
import { buildInfo } from "@nsc/core";
import type { AppDeps, AppEnv } from "../app/app-env.js";
import { buildOpenApiDocument } from "../openapi/openapi-document.js";

/** `GET /metrics` (Prometheus text), `GET /openapi.json` (OpenAPI 3.1) and `GET /version`. */
export function operationsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const info = buildInfo();
  const openApi = JSON.stringify(buildOpenApiDocument(info.version));
  app.get("/metrics", async (c) => {
    const text = await deps.metrics.render();
    c.header("Content-Type", deps.metrics.contentType);
    return c.body(text);
  });
  app.get("/openapi.json", (c) => {
    c.header("Content-Type", "application/json");
    return c.body(openApi);
  });
  app.get("/version", (c) => c.json(info));
  return app;
}

import { Hono } from "hono";
import type { WorkspaceInfo } from "@nsc/core";
import { READERS, requireRole } from "../http/auth.js";
import type { AppDeps, AppEnv } from "../http/app-env.js";
import { getWorkspace } from "./workspaces.js";

/** `GET /v1/workspace`: the token's workspace. */
export function workspaceRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", requireRole(deps, ...READERS), async (c) => {
    const principal = c.get("principal");
    const workspace = await getWorkspace(deps.store.db, principal.workspaceId);
    const info: WorkspaceInfo = {
      id: workspace.id,
      tenant_id: workspace.id,
      name: workspace.name,
      created_at: new Date(workspace.created_at).toISOString(),
      role: principal.role,
      issuer_url: deps.issuerUrl,
    };
    return c.json(info);
  });
  return app;
}

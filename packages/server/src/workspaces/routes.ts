import { Hono } from "hono";
import type { WorkspaceInfo } from "@nsc/core";
import { READERS, requireRole } from "../tokens/require-role.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";
import { getWorkspace } from "./workspaces.js";

/** `GET /v1/workspace`: the token's workspace. */
export function workspaceRoutes(deps: AppDeps): Hono<ApiTokenEnv> {
  const app = new Hono<ApiTokenEnv>();
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

import { Hono } from "hono";
import { devboxDefaultsSchema, type DevboxDefaults } from "@nsc/core";
import { READERS, requireRole } from "../tokens/require-role.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";
import { readJson } from "../http/read-json.js";
import { writeTransaction } from "../tokens/write-transaction.js";
import { getDevboxDefaults, setDevboxDefaults } from "./devbox-defaults.js";

/** `GET|PUT /v1/devbox/defaults`: the workspace's default Tailscale spec for devboxes, and its lock. */
export function devboxRoutes(deps: AppDeps): Hono<ApiTokenEnv> {
  const { store } = deps;
  const app = new Hono<ApiTokenEnv>();
  app.get("/defaults", requireRole(deps, ...READERS), async (c) => {
    return c.json(
      (await getDevboxDefaults(store.db, c.get("principal").workspaceId)) satisfies DevboxDefaults,
    );
  });
  app.put("/defaults", requireRole(deps, "admin"), async (c) => {
    const body = await readJson(c, devboxDefaultsSchema, deps.maxBodyBytes);
    const defaults = await writeTransaction(c, deps, (trx, write) => setDevboxDefaults(trx, body, write));
    return c.json(defaults satisfies DevboxDefaults);
  });
  return app;
}

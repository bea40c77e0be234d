import { Hono } from "hono";
import {
  parseInstanceId,
  registerInstanceRequestSchema,
  type RegisterInstanceResponse,
  type InstanceEnvelope,
  type InstanceList,
} from "@nsc/core";
import { READERS, requireRole } from "../tokens/require-role.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";
import { readJson } from "../http/read-json.js";
import { writeTransaction } from "../tokens/write-transaction.js";
import { destroyInstance } from "./destroy-instance.js";
import { toInstanceInfo } from "./instance-info.js";
import { getInstance, listInstances } from "./read-instances.js";
import { registerInstance } from "./register-instance.js";

/**
 * `POST|GET /v1/instances`, `GET|DELETE /v1/instances/{id}`. Launchers (and admins) register and destroy;
 * admins and members read.
 */
export function instanceRoutes(deps: AppDeps): Hono<ApiTokenEnv> {
  const { store } = deps;
  const app = new Hono<ApiTokenEnv>();
  app.post("/", requireRole(deps, "admin", "launcher"), async (c) => {
    const body = await readJson(c, registerInstanceRequestSchema, deps.maxBodyBytes);
    const registered = await writeTransaction(c, deps, (trx, write) => registerInstance(trx, body, write));
    const response: RegisterInstanceResponse = {
      instance: registered.info,
      workload_token: registered.workloadToken,
    };
    return c.json(response satisfies RegisterInstanceResponse, 201);
  });
  app.get("/", requireRole(deps, ...READERS), async (c) => {
    return c.json({
      instances: await listInstances(store.db, c.get("principal").workspaceId),
    } satisfies InstanceList);
  });
  app.get("/:id", requireRole(deps, ...READERS), async (c) => {
    const id = parseInstanceId(c.req.param("id"));
    const row = await getInstance(store.db, c.get("principal").workspaceId, id);
    return c.json({ instance: toInstanceInfo(row) } satisfies InstanceEnvelope);
  });
  app.delete("/:id", requireRole(deps, "admin", "launcher"), async (c) => {
    const id = parseInstanceId(c.req.param("id"));
    const instance = await writeTransaction(c, deps, (trx, write) => destroyInstance(trx, id, write));
    return c.json({ instance } satisfies InstanceEnvelope);
  });
  return app;
}

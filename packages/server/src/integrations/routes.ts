import { Hono } from "hono";
import {
  NscError,
  parseMetadataVersion,
  parseSpecName,
  parseTailscaleSpec,
  putTailscaleSpecRequestSchema,
  type IntegrationsDocument,
} from "@nsc/core";
import { READERS, requireRole } from "../tokens/require-role.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";
import { readJson } from "../http/read-json.js";
import { writeTransaction } from "../tokens/write-transaction.js";
import { getIntegrations, removeTailscaleSpec, setTailscaleSpec } from "./integrations.js";

/**
 * `GET /v1/integrations`, `PUT|DELETE /v1/integrations/tailscale/{name}`. Writes are optimistic: they
 * name the `metadata_version` they read (body field for PUT, query parameter for DELETE) and answer 409
 * `version_conflict` when another write came first. Every write answers with the whole new document.
 */
export function integrationsRoutes(deps: AppDeps): Hono<ApiTokenEnv> {
  const { store } = deps;
  const app = new Hono<ApiTokenEnv>();
  app.get("/", requireRole(deps, ...READERS), async (c) => {
    return c.json(
      (await getIntegrations(store.db, c.get("principal").workspaceId)) satisfies IntegrationsDocument,
    );
  });
  app.put("/tailscale/:name", requireRole(deps, "admin"), async (c) => {
    const principal = c.get("principal");
    const name = parseSpecName(c.req.param("name"));
    const body = await readJson(c, putTailscaleSpecRequestSchema, deps.maxBodyBytes);
    const spec = parseTailscaleSpec(body.spec, "spec.");
    const document = await writeTransaction(c, deps, async (trx, context) => {
      const write = {
        ...context,
        name,
        expectedVersion: parseMetadataVersion(body.metadata_version),
      };
      await setTailscaleSpec(trx, write, spec);
      return getIntegrations(trx, principal.workspaceId);
    });
    return c.json(document satisfies IntegrationsDocument);
  });
  app.delete("/tailscale/:name", requireRole(deps, "admin"), async (c) => {
    const principal = c.get("principal");
    const name = parseSpecName(c.req.param("name"));
    const version = c.req.query("metadata_version");
    if (version === undefined || !/^\d{1,15}$/u.test(version)) {
      throw new NscError(
        "invalid_request",
        'invalid request: query parameter "metadata_version" is required: pass the metadata_version you read',
        { field: "metadata_version" },
      );
    }
    const force = c.req.query("force");
    if (force !== undefined && force !== "true" && force !== "false") {
      throw new NscError("invalid_request", 'invalid force: use "true" or "false"', { field: "force" });
    }
    const document = await writeTransaction(c, deps, async (trx, context) => {
      await removeTailscaleSpec(
        trx,
        { ...context, name, expectedVersion: parseMetadataVersion(version) },
        force === "true",
      );
      return getIntegrations(trx, principal.workspaceId);
    });
    return c.json(document satisfies IntegrationsDocument);
  });
  return app;
}

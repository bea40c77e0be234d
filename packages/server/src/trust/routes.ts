import { Hono } from "hono";
import {
  createTrustRelationshipSchema,
  parseTrustRelationshipName,
  parseTrustRelationshipSpec,
  trustRelationshipSpecSchema,
  type TrustRelationshipEnvelope,
  type TrustRelationshipList,
  type TrustRelationshipRemoved,
} from "@nsc/core";
import { READERS, requireRole } from "../tokens/require-role.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";
import { readJson } from "../http/read-json.js";
import { writeContextOf } from "../tokens/write-context-of.js";
import { checkIssuerHost } from "./check-issuer-host.js";
import {
  createTrustRelationship,
  getTrustRelationship,
  listTrustRelationships,
  removeTrustRelationship,
  replaceTrustRelationship,
} from "./trust-relationships.js";

/**
 * `POST|GET /v1/trust-relationships`, `GET|PUT|DELETE /v1/trust-relationships/{name}`. Admins write;
 * admins and members read. An issuer whose host resolves to a link-local or metadata address is refused
 * here, at configuration time.
 */
export function trustRelationshipRoutes(deps: AppDeps): Hono<ApiTokenEnv> {
  const { store } = deps;
  const app = new Hono<ApiTokenEnv>();
  app.get("/", requireRole(deps, ...READERS), async (c) => {
    return c.json({
      trust_relationships: await listTrustRelationships(store.db, c.get("principal").workspaceId),
    } satisfies TrustRelationshipList);
  });
  app.get("/:name", requireRole(deps, ...READERS), async (c) => {
    const name = parseTrustRelationshipName(c.req.param("name"));
    return c.json({
      trust_relationship: await getTrustRelationship(store.db, c.get("principal").workspaceId, name),
    } satisfies TrustRelationshipEnvelope);
  });
  app.post("/", requireRole(deps, "admin"), async (c) => {
    const { name: rawName, ...rest } = await readJson(c, createTrustRelationshipSchema, deps.maxBodyBytes);
    const name = parseTrustRelationshipName(rawName);
    const spec = parseTrustRelationshipSpec(rest);
    if (spec.jwks === null) await checkIssuerHost(spec.issuer);
    const write = writeContextOf(c, deps);
    const created = await store.db
      .transaction()
      .execute((trx) => createTrustRelationship(trx, write, name, spec));
    return c.json({ trust_relationship: created } satisfies TrustRelationshipEnvelope, 201);
  });
  app.put("/:name", requireRole(deps, "admin"), async (c) => {
    const name = parseTrustRelationshipName(c.req.param("name"));
    const spec = parseTrustRelationshipSpec(
      await readJson(c, trustRelationshipSpecSchema, deps.maxBodyBytes),
    );
    if (spec.jwks === null) await checkIssuerHost(spec.issuer);
    const write = writeContextOf(c, deps);
    const updated = await store.db
      .transaction()
      .execute((trx) => replaceTrustRelationship(trx, write, name, spec));
    return c.json({ trust_relationship: updated } satisfies TrustRelationshipEnvelope);
  });
  app.delete("/:name", requireRole(deps, "admin"), async (c) => {
    const name = parseTrustRelationshipName(c.req.param("name"));
    const write = writeContextOf(c, deps);
    await store.db.transaction().execute((trx) => removeTrustRelationship(trx, write, name));
    return c.json({ removed: name } satisfies TrustRelationshipRemoved);
  });
  return app;
}

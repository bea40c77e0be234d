import { Hono } from "hono";
import {
  createApiTokenRequestSchema,
  parseApiTokenId,
  type CreateApiTokenResponse,
  type ApiTokenEnvelope,
  type ApiTokenList,
} from "@nsc/core";
import { READERS, requireRole } from "./require-role.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";
import { readJson } from "../http/read-json.js";
import { writeTransaction } from "./write-transaction.js";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.js";

/** `POST|GET /v1/tokens`, `DELETE /v1/tokens/{id}`. Only admins create and revoke. */
export function tokenRoutes(deps: AppDeps): Hono<ApiTokenEnv> {
  const { store } = deps;
  const app = new Hono<ApiTokenEnv>();
  app.get("/", requireRole(deps, ...READERS), async (c) => {
    return c.json({
      tokens: await listApiTokens(store.db, c.get("principal").workspaceId),
    } satisfies ApiTokenList);
  });
  app.post("/", requireRole(deps, "admin"), async (c) => {
    const body = await readJson(c, createApiTokenRequestSchema, deps.maxBodyBytes);
    const created = await writeTransaction(c, deps, (trx, write) => {
      const expiresAt = body.expires_in_secs === undefined ? null : write.now + body.expires_in_secs * 1000;
      return createApiToken(trx, { name: body.name, role: body.role, expiresAt }, write);
    });
    const response: CreateApiTokenResponse = { token: created.info, secret: created.secret };
    return c.json(response satisfies CreateApiTokenResponse, 201);
  });
  app.delete("/:id", requireRole(deps, "admin"), async (c) => {
    const id = parseApiTokenId(c.req.param("id"));
    const token = await writeTransaction(c, deps, (trx, write) =>
      revokeApiToken(trx, id, write, store.dialect),
    );
    return c.json({ token } satisfies ApiTokenEnvelope);
  });
  return app;
}

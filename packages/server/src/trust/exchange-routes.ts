import { Hono } from "hono";
import { exchangeTokenRequestSchema, type ExchangeTokenResponse } from "@nsc/core";
import type { AppDeps, AppEnv } from "../app/app-env.js";
import { readJson } from "../http/read-json.js";
import { exchangeToken } from "./exchange-token.js";

/**
 * `POST /v1/auth/exchange-oidc-token` `{workspace_id, token, labels?, trust_relationship?}`: no API
 * token — the external issuer's token is the credential. Answers `{instance, workload_token,
 * expires_at, trust_relationship}`; a refusal is 403 with the failed check's code.
 */
export function exchangeRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/exchange-oidc-token", async (c) => {
    const body = await readJson(c, exchangeTokenRequestSchema, deps.maxBodyBytes);
    return c.json((await exchangeToken(deps, body)) satisfies ExchangeTokenResponse);
  });
  return app;
}

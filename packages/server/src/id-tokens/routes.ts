import { Hono } from "hono";
import { idTokenRequestSchema, parseIdTokenRequest, type IdTokenResponse } from "@nsc/core";
import type { AppDeps, WorkloadEnv } from "../app/app-env.js";
import { readJson } from "../http/read-json.js";
import { requireWorkload } from "../workload/require-workload.js";
import { checkTailscaleAudience } from "./check-tailscale-audience.js";
import { issueIdToken } from "./issue-id-token.js";

/** `POST /v1/id-token` `{audience, duration_secs?}` with a workload token → `{id_token, expires_at}`. */
export function idTokenRoutes(deps: AppDeps): Hono<WorkloadEnv> {
  const app = new Hono<WorkloadEnv>();
  app.post("/", requireWorkload(deps), async (c) => {
    const body = await readJson(c, idTokenRequestSchema, deps.maxBodyBytes);
    const request = parseIdTokenRequest(body, deps.idTokenLifetime);
    await checkTailscaleAudience(deps.store.db, c.get("instance"), request.audience);
    const issued = await issueIdToken(deps, c.get("instance"), request.audience, request.lifetimeSecs);
    const response: IdTokenResponse = { id_token: issued.idToken, expires_at: issued.expiresAt };
    return c.json(response satisfies IdTokenResponse);
  });
  return app;
}

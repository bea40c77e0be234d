import { Hono } from "hono";
import {
  NscError,
  joinRequestSchema,
  parseAudience,
  parseDurationSecs,
  tailscaleAudience,
  type TailscaleJoinPlan,
  type TailscaleJoinResponse,
  specNotFound,
} from "@nsc/core";
import type { AppDeps, WorkloadEnv } from "../app/app-env.js";
import { readJson } from "../http/read-json.js";
import { issueIdToken } from "../id-tokens/issue-id-token.js";
import { requireLiveInstance } from "../instances/authenticate-workload.js";
import { toInstanceInfo } from "../instances/instance-info.js";
import { findTailscaleSpec } from "../integrations/integrations.js";
import { requireWorkload } from "./require-workload.js";

/**
 * `POST /v1/workload/tailscale/join`: re-reads the instance's Tailscale spec — an edit applies to the
 * next join — and returns it with a fresh ID token for the spec's audience (its custom one, else
 * `api.tailscale.com/<client-id>`), plus the
 * issuer, subject and audience a trust credential must be configured with. With `"dry_run": true` it
 * returns the same without a token.
 */
export function tailscaleJoinRoutes(deps: AppDeps): Hono<WorkloadEnv> {
  const app = new Hono<WorkloadEnv>();
  app.post("/join", requireWorkload(deps), async (c) => {
    const instance = c.get("instance");
    const body = await readJson(c, joinRequestSchema, deps.maxBodyBytes);
    if (instance.tailscale_spec === null) {
      throw new NscError(
        "no_tailscale_spec",
        `instance ${instance.id} has no Tailscale spec: register it with one (a tailscale.spec=<name> runner label, integrations.tailscale.spec in the devbox file, a workspace default, or --tailscale-spec)`,
      );
    }
    const spec = await findTailscaleSpec(deps.store.db, instance.workspace_id, instance.tailscale_spec);
    if (spec === undefined) {
      throw specNotFound(instance.tailscale_spec, {
        namedBy: `instance ${instance.id}`,
        reason: "it was removed after the instance was registered",
        otherwise: "register the instance again",
      });
    }
    const audience = parseAudience(tailscaleAudience(spec));
    const lifetime = parseDurationSecs(body.duration_secs, deps.idTokenLifetime);
    const plan: TailscaleJoinPlan = {
      instance: toInstanceInfo(instance),
      spec_name: instance.tailscale_spec,
      spec,
      issuer: deps.issuerUrl,
      subject: `${instance.workspace_id}/${instance.id}`,
      audience,
    };
    if (body.dry_run === true) {
      // No token to commit: check here that the instance outlived its request's body.
      await requireLiveInstance(deps.store.db, instance.id, deps.runtime.clock.now());
      c.set("outcome", "dry_run");
      return c.json(plan satisfies TailscaleJoinPlan);
    }
    const issued = await issueIdToken(deps, instance, audience, lifetime);
    const response: TailscaleJoinResponse = {
      ...plan,
      id_token: issued.idToken,
      expires_at: issued.expiresAt,
    };
    return c.json(response satisfies TailscaleJoinResponse);
  });
  return app;
}

import { buildIdTokenClaims, type Audience } from "@nsc/core";
import type { AppDeps } from "../app/app-env.js";
import type { InstancesTable } from "../store/schema.js";
import { fromJsonColumn } from "../store/json-column.js";

/** A freshly signed ID token. */
export interface IssuedIdToken {
  readonly idToken: string;
  readonly expiresAt: string;
  readonly subject: string;
}

/**
 * Signs an ID token for an instance, never valid past the instance's expiry, and records `id_token.issued` (jti, audience, subject, expiry — never
 * the token) before returning it, so no token exists that the audit log does not know about.
 */
export async function issueIdToken(
  deps: AppDeps,
  instance: InstancesTable,
  audience: Audience,
  lifetimeSecs: number,
): Promise<IssuedIdToken> {
  const { runtime, keyRing, issuerUrl, auditBatcher } = deps;
  const now = runtime.clock.now();
  const jti = Buffer.from(runtime.randomBytes(16)).toString("base64url");
  const claims = buildIdTokenClaims({
    issuer: issuerUrl,
    workspaceId: instance.workspace_id,
    instanceId: instance.id,
    instanceKind: instance.kind,
    audience,
    now,
    lifetimeSecs,
    jti,
    runnerProfile: instance.runner_profile ?? undefined,
    devboxName: instance.devbox_name ?? undefined,
    tailscaleSpec: instance.tailscale_spec ?? undefined,
    notAfter: instance.expires_at,
    source: instance.source_claims == null ? undefined : fromJsonColumn(instance.source_claims),
  });
  const idToken = await keyRing.sign(claims);
  const expiresAt = new Date(claims.exp * 1000).toISOString();
  await auditBatcher.record(
    {
      workspaceId: instance.workspace_id,
      actor: `instance:${instance.id}`,
      action: "id_token.issued",
      objectKind: "instance",
      objectId: instance.id,
      detail: { jti, audience, subject: claims.sub, expires_at: expiresAt },
    },
    now,
    instance.id,
  );
  return { idToken, expiresAt, subject: claims.sub };
}

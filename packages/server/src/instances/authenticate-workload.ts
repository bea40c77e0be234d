import { NscError, type InstanceId } from "@nsc/core";
import type { Executor } from "../store/executor.js";
import { precompiled } from "../store/precompiled.js";
import type { InstancesTable } from "../store/schema.js";
import { hashSecret } from "../tokens/token-secret.js";

/** The workload-token lookup by the token's hash: it runs on every ID token issued. */
const workloadLookup = precompiled((db) =>
  db.selectFrom("instances").selectAll().where("workload_token_hash", "=", "").compile(),
);

/** The live instance behind a workload token; destroyed and expired ones are refused with what to do. */
export async function authenticateWorkload(
  db: Executor,
  token: string,
  now: number,
): Promise<InstancesTable> {
  const [row] = await workloadLookup(db, [hashSecret(token)]);
  if (row === undefined) {
    throw new NscError(
      "unauthenticated",
      "the workload token is not valid: register the instance again to get a new one",
    );
  }
  if (row.destroyed_at !== null) {
    throw new NscError(
      "unauthenticated",
      `instance ${row.id} was destroyed; its workload token no longer works`,
    );
  }
  if (row.expires_at <= now) {
    throw new NscError(
      "workload_token_expired",
      "workload token expired: register the instance again to get a new one",
    );
  }
  return row;
}

/** Refuses an instance destroyed or expired since its request was authenticated. */
export async function requireLiveInstance(db: Executor, id: InstanceId, now: number): Promise<void> {
  const row = await db
    .selectFrom("instances")
    .select(["destroyed_at", "expires_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined || row.destroyed_at !== null || row.expires_at <= now) {
    throw new NscError(
      "unauthenticated",
      `instance ${id} was destroyed or expired while the request was in progress: register the instance again`,
    );
  }
}

import { NscError, type InstanceId } from "@nsc/core";
import type { CompiledQuery } from "kysely";
import type { Executor } from "../store/executor.js";
import type { InstancesTable } from "../store/schema.js";
import { hashSecret } from "../tokens/token-secret.js";

const compiledLookups = new WeakMap<Executor, CompiledQuery<InstancesTable>>();

/**
 * The workload-token lookup, built by Kysely once per database (its SQL differs only in placeholders) and
 * reused with each token's hash: it runs on every ID token issued.
 */
function workloadLookup(db: Executor): CompiledQuery<InstancesTable> {
  let compiled = compiledLookups.get(db);
  if (compiled === undefined) {
    compiled = db.selectFrom("instances").selectAll().where("workload_token_hash", "=", "").compile();
    compiledLookups.set(db, compiled);
  }
  return compiled;
}

/** The live instance behind a workload token; destroyed and expired ones are refused with what to do. */
export async function authenticateWorkload(
  db: Executor,
  token: string,
  now: number,
): Promise<InstancesTable> {
  const lookup = workloadLookup(db);
  const result = await db.executeQuery<InstancesTable>({ ...lookup, parameters: [hashSecret(token)] });
  const row = result.rows[0];
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

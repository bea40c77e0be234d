import type { Kysely } from "kysely";

/** Signing keys (private halves sealed) and instances with their workload-token hashes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("signing_keys")
    .addColumn("kid", "text", (c) => c.primaryKey())
    .addColumn("alg", "text", (c) => c.notNull())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("sealed_private_key", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("activated_at", "bigint")
    .addColumn("retired_at", "bigint")
    .execute();

  await db.schema
    .createTable("instances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("tailscale_spec", "text")
    .addColumn("spec_source", "text", (c) => c.notNull())
    .addColumn("runner_profile", "text")
    .addColumn("runner_labels", "text")
    .addColumn("devbox_name", "text")
    .addColumn("devbox_spec", "text")
    .addColumn("hostname", "text", (c) => c.notNull())
    .addColumn("workload_token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("destroyed_at", "bigint")
    .execute();
  await db.schema
    .createIndex("instances_workspace")
    .on("instances")
    .columns(["workspace_id", "created_at"])
    .execute();
}

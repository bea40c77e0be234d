import type { Kysely } from "kysely";

/** Trust relationships, and what ties an instance to the token exchange that made it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("trust_relationships")
    .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("subject_match", "text", (c) => c.notNull())
    .addColumn("claim_rules", "text", (c) => c.notNull())
    .addColumn("jwks", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("tailscale_spec", "text")
    .addColumn("allow_labels", "text", (c) => c.notNull())
    .addColumn("instance_ttl_secs", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("trust_relationships_pk", ["workspace_id", "name"])
    .execute();
  await db.schema
    .createIndex("trust_relationships_issuer")
    .on("trust_relationships")
    .columns(["workspace_id", "issuer"])
    .execute();

  await db.schema.alterTable("instances").addColumn("trust_relationship", "text").execute();
  await db.schema.alterTable("instances").addColumn("source_claims", "text").execute();
  await db.schema.alterTable("instances").addColumn("exchange_key", "text").execute();
  await db.schema
    .createIndex("instances_exchange_key")
    .on("instances")
    .columns(["workspace_id", "exchange_key"])
    .unique()
    .execute();
}

import type { Kysely } from "kysely";

/** A spec's optional custom trust-credential audience; NULL means `api.tailscale.com/<client-id>`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("tailscale_specs").addColumn("audience", "text").execute();
}

import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "../store/open-store.js";
import type { Runtime } from "../runtime/runtime.js";
import { createWorkspace } from "../workspaces/workspaces.js";

/** File name, in the data dir, of the first admin token. */
export const BOOTSTRAP_TOKEN_FILE = "bootstrap-admin-token";

/** What the first start on an empty database created. */
export interface Bootstrapped {
  readonly workspaceId: string;
  readonly adminToken: string;
  readonly tokenFile: string;
}

/**
 * On the very first start against an empty database, creates a workspace and an admin token and writes
 * the token to `<dataDir>/bootstrap-admin-token` (mode 0600). Later starts, and every replica but one
 * sharing a PostgreSQL database, do nothing: a marker row claimed in the same transaction decides.
 */
export async function bootstrapWorkspace(
  store: Store,
  dataDir: string,
  runtime: Runtime,
): Promise<Bootstrapped | undefined> {
  const now = runtime.clock.now();
  const created = await store.db.transaction().execute(async (trx) => {
    const claim = await trx
      .insertInto("meta")
      .values({ key: "bootstrapped_at", value: new Date(now).toISOString() })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    if (claim.numInsertedOrUpdatedRows !== 1n) return undefined;
    return createWorkspace(trx, "default", now, runtime.randomBytes);
  });
  if (created === undefined) return undefined;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tokenFile = join(dataDir, BOOTSTRAP_TOKEN_FILE);
  writeFileSync(tokenFile, `${created.adminToken}\n`, { mode: 0o600, flag: "w" });
  return { workspaceId: created.workspace.id, adminToken: created.adminToken, tokenFile };
}

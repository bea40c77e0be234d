import { NscError, ROLES, isOneOf, type Role } from "@nsc/core";
import { openStore } from "../store/open-store.js";
import { createApiToken } from "../tokens/api-tokens.js";
import { getWorkspace } from "../workspaces/workspaces.js";
import { commandRuntime } from "./command-runtime.js";
import type { ServerIo } from "./server-io.js";

/**
 * `nsc-server tokens create --workspace WS --role admin`: makes an API token directly in the database,
 * for when every admin token of a workspace is lost. Whoever can run this can read the database and the
 * key-encryption key anyway; the change is audited with the actor `break-glass`.
 */
export async function breakGlassTokenCommand(
  databaseUrl: string,
  options: { readonly workspace: string; readonly role: string; readonly name: string },
  io: Pick<ServerIo, "stderr">,
): Promise<{ readonly id: string; readonly secret: string; readonly role: Role }> {
  const role = options.role;
  if (!isOneOf(ROLES, role)) {
    throw new NscError(
      "invalid_role",
      `invalid role ${JSON.stringify(options.role)}: use admin, member or launcher`,
    );
  }
  const runtime = commandRuntime(io);
  const store = await openStore(databaseUrl);
  try {
    return await store.db.transaction().execute(async (trx) => {
      const workspace = await getWorkspace(trx, options.workspace);
      const write = {
        workspaceId: workspace.id,
        actor: "break-glass",
        now: runtime.clock.now(),
        random: runtime.randomBytes,
      };
      const created = await createApiToken(trx, { name: options.name, role, expiresAt: null }, write);
      return { id: created.info.id, secret: created.secret, role };
    });
  } finally {
    await store.close();
  }
}

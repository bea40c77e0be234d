import { createLogger } from "../log/logger.js";
import { systemRuntime } from "../runtime/runtime.js";
import { openStore } from "../store/open-store.js";
import { createWorkspace } from "../workspaces/workspaces.js";

/** `nsc-server workspace create --name NAME`: creates a workspace and prints its ID and admin token. */
export async function createWorkspaceCommand(
  databaseUrl: string,
  name: string,
  json: boolean,
): Promise<void> {
  const runtime = systemRuntime(createLogger({ level: "warn" }));
  const store = await openStore(databaseUrl);
  try {
    const created = await store.db
      .transaction()
      .execute((trx) => createWorkspace(trx, name, runtime.clock.now(), runtime.randomBytes));
    if (json) {
      const body = {
        id: created.workspace.id,
        name: created.workspace.name,
        admin_token: created.adminToken,
      };
      process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    } else {
      process.stdout.write(
        `Created workspace ${created.workspace.id} ("${created.workspace.name}").\nAdmin API token (shown only this once):\n  ${created.adminToken}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

import { openStore } from "../store/open-store.js";
import { createWorkspace } from "../workspaces/workspaces.js";
import { commandRuntime } from "./command-runtime.js";
import type { ServerIo } from "./server-io.js";

/** `nsc-server workspace create --name NAME`: creates a workspace and prints its ID and admin token. */
export async function createWorkspaceCommand(
  databaseUrl: string,
  name: string,
  json: boolean,
  io: Pick<ServerIo, "stdout" | "stderr">,
): Promise<void> {
  const runtime = commandRuntime(io);
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
      io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    } else {
      io.stdout.write(
        `Created workspace ${created.workspace.id} ("${created.workspace.name}").\nAdmin API token (shown only this once):\n  ${created.adminToken}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

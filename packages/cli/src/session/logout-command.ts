import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import type { CommandContext } from "../command-context.js";
import { configDir } from "../config/cli-config.js";

/**
 * `nsc logout`: deletes the saved login (endpoint and API token). The token itself stays valid on the
 * server until an admin revokes it (`nsc tokens revoke ID`); NSC_ENDPOINT/NSC_TOKEN are not touched.
 */
export function logoutCommand(context: CommandContext): Command {
  return new Command("logout").description("forget the saved endpoint and API token").action(() => {
    const file = join(configDir(context.env), "config.json");
    if (!existsSync(file)) {
      context.io.stdout.write("Not logged in: nothing to forget.\n");
      return;
    }
    rmSync(file);
    context.io.stdout.write(
      `Logged out: removed ${file}. The token stays valid until it is revoked (nsc tokens revoke ID).\n`,
    );
  });
}

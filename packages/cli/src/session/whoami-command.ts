import { Command } from "commander";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { workspaceInfoSchema } from "@nsc/core/api/workspace.js";
import type { CommandContext } from "../command-context.js";
import { loadCredentials } from "../config/cli-config.js";
import { parseOutputFormat } from "../io/output-format.js";

/** `nsc whoami [-o json]`: the workspace, role and endpoint the saved login (or NSC_ENDPOINT/NSC_TOKEN) uses. */
export function whoamiCommand(context: CommandContext): Command {
  return new Command("whoami")
    .description("show the workspace, role and endpoint of the current login")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const { endpoint } = loadCredentials(context.env);
      let info: { workspace: string | null; name: string | null; role: string };
      try {
        const workspace = await context.client().call("GET", "/v1/workspace", workspaceInfoSchema);
        info = { workspace: workspace.id, name: workspace.name, role: workspace.role };
      } catch (error) {
        // Only a launcher token may not read its workspace; it is still a valid login.
        if (!(error instanceof NscError && error.code === "forbidden")) throw error;
        info = { workspace: null, name: null, role: "launcher" };
      }
      if (format === "json") {
        context.io.stdout.write(`${JSON.stringify({ ...info, endpoint }, null, 2)}\n`);
        return;
      }
      const workspace =
        info.workspace === null
          ? "(not readable with this token)"
          : `${info.workspace} ("${info.name ?? ""}")`;
      context.io.stdout.write(`Workspace: ${workspace}\nRole: ${info.role}\nEndpoint: ${endpoint}\n`);
    });
}

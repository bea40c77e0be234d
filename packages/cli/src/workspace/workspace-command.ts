import { Command } from "commander";
import type { WorkspaceInfo } from "@nsc/core";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../output/output-format.js";

/** `nsc workspace describe [-o json]`; the JSON carries `tenant_id`, as upstream's does. */
export function workspaceCommand(context: CommandContext): Command {
  const workspace = new Command("workspace").description("show the workspace of the current login");
  workspace
    .command("describe")
    .description("describe the current workspace")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const info = (await context.client().request("GET", "/v1/workspace")) as WorkspaceInfo;
      if (format === "json") {
        printJson(context.io.stdout, info);
        return;
      }
      context.io.stdout.write(
        [
          `Workspace: ${info.name}`,
          `ID: ${info.id}`,
          `Tenant ID: ${info.tenant_id}`,
          `Issuer: ${info.issuer_url}`,
          `Token subject pattern: ${info.id}/*`,
          `Your role: ${info.role}`,
          "",
        ].join("\n"),
      );
    });
  return workspace;
}

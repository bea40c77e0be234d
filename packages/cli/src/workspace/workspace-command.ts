import { Command } from "commander";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { workspaceInfoSchema, type WorkspaceInfo } from "@nsc/core/api/workspace.js";
import type { CommandContext } from "../command-context.js";
import { withExitCodes } from "../io/exit-code-policy.js";
import { printJson } from "../io/output-format.js";

/**
 * The `-o json` view of `nsc workspace describe`: upstream's keys first (`tenant_id`, `name`, and
 * `app_url`, the console, which is where this server's web app lives), then ours, which no upstream key
 * collides with. Upstream's `primary_region` and `registry_url` have no value here, so they are left out,
 * as upstream leaves out empty fields.
 */
export function workspaceJson(info: WorkspaceInfo, appUrl: string): Record<string, string> {
  return {
    tenant_id: info.tenant_id,
    name: info.name,
    app_url: appUrl,
    id: info.id,
    created_at: info.created_at,
    role: info.role,
    issuer_url: info.issuer_url,
    subject_pattern: `${info.id}/*`,
  };
}

/** Upstream's plain layout, byte for byte: a blank line, `Workspace details:`, a blank line, the fields. */
export function formatWorkspace(info: WorkspaceInfo): string {
  return `\nWorkspace details:\n\nName: ${info.name}\nTenant ID: ${info.tenant_id}\n`;
}

/** `-k KEY`: one field of the JSON, a string as it is; a missing key fails with upstream's text. */
export function selectJsonKey(json: Readonly<Record<string, unknown>>, key: string): string {
  if (!Object.hasOwn(json, key)) {
    throw new NscError("not_found", `selected json key ${JSON.stringify(key)} not found in response`);
  }
  const value = json[key];
  return `${typeof value === "string" ? value : JSON.stringify(value)}\n`;
}

/**
 * `nsc workspace describe [-o json] [-k KEY]`, as upstream's: plain `Name:` and `Tenant ID:`; JSON with
 * `tenant_id`, `name`, `app_url` plus this server's `id`, `created_at`, `role` and `issuer_url` (the issuer a
 * trust credential needs); `-k` prints one JSON field and needs `-o json`; any other `-o` falls back to plain.
 */
export function workspaceCommand(context: CommandContext): Command {
  const workspace = new Command("workspace").description("show the workspace of the current login");
  // Upstream has it: scripts written for it expect exit 1 on every failure.
  withExitCodes(workspace.command("describe"), "upstream")
    .description("describe the current workspace")
    .option("-o, --output <format>", "plain or json", "plain")
    .option("-k, --key <key>", "print only this field of the JSON output (needs -o json)")
    .action(async (flags: { output: string; key?: string }) => {
      if (flags.key !== undefined && flags.output !== "json") {
        throw new NscError("invalid_request", "--key requires --output=json");
      }
      const client = context.client();
      const info = await client.call("GET", "/v1/workspace", workspaceInfoSchema);
      if (flags.output !== "json") {
        context.io.stdout.write(formatWorkspace(info));
        return;
      }
      const json = workspaceJson(info, client.endpoint);
      if (flags.key === undefined) printJson(context.io.stdout, json);
      else context.io.stdout.write(selectJsonKey(json, flags.key));
    });
  return workspace;
}

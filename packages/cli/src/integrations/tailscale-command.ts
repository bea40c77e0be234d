import { Command } from "commander";
import {
  NscError,
  parseClientId,
  parseLoginServer,
  parseSpecName,
  parseTags,
  specNotFound,
  type TailscaleSpec,
} from "@nsc/core";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../output/output-format.js";
import { formatTailscaleList } from "./format-integrations.js";
import { deleteTailscaleSpec, fetchIntegrations, putTailscaleSpec } from "./integrations-api.js";

const collectTags = (value: string, previous: readonly string[]): readonly string[] => [
  ...previous,
  ...value.split(",").map((tag) => tag.trim()),
];

/** `nsc integrations tailscale set|list|remove`, flag for flag and text for text as upstream `nsc`. */
export function tailscaleCommand(context: CommandContext): Command {
  const tailscale = new Command("tailscale").description("manage named Tailscale integration specs");

  tailscale
    .command("set")
    .description("create or replace a named Tailscale spec")
    .argument("<name>", "spec name (lowercase letters, digits, '-' and '_')")
    .option("--oauth-client-id <id>", "client ID of the Tailscale trust credential")
    .option(
      "--tag <tags>",
      "ACL tag to advertise; repeat or comma-separate",
      collectTags,
      [] as readonly string[],
    )
    .option("--enable-magic-dns", "let the device use the tailnet's DNS (MagicDNS)", false)
    .option("--login-server <url>", "control server base URL (default: Tailscale's)")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(
      async (
        name: string,
        flags: {
          oauthClientId?: string;
          tag: readonly string[];
          enableMagicDns: boolean;
          loginServer?: string;
          output: string;
        },
      ) => {
        const format = parseOutputFormat(flags.output);
        if (flags.oauthClientId === undefined)
          throw new NscError("invalid_client_id", "--oauth-client-id is required");
        const specName = parseSpecName(name);
        const spec: TailscaleSpec = {
          oauth_client_id: parseClientId(flags.oauthClientId, "--oauth-client-id"),
          tags: parseTags(flags.tag, "--tag"),
          enable_magic_dns: flags.enableMagicDns,
          ...(flags.loginServer === undefined
            ? {}
            : { login_server: parseLoginServer(flags.loginServer, "--login-server") }),
        };
        const client = context.client();
        const current = await fetchIntegrations(client);
        const updated = await putTailscaleSpec(client, specName, current.metadata_version, spec);
        if (format === "json") printJson(context.io.stdout, updated);
        else context.io.stdout.write(`Updated Tailscale integration "${specName}".\n`);
      },
    );

  tailscale
    .command("list")
    .description("list the workspace's Tailscale specs")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const document = await fetchIntegrations(context.client());
      if (format === "json") printJson(context.io.stdout, document);
      else context.io.stdout.write(formatTailscaleList(document));
    });

  tailscale
    .command("remove")
    .description("remove a named Tailscale spec")
    .argument("<name>", "spec name")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (name: string, flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const client = context.client();
      const current = await fetchIntegrations(client);
      if (!Object.hasOwn(current.tailscale, name)) throw specNotFound(name);
      const updated = await deleteTailscaleSpec(client, name, current.metadata_version);
      if (format === "json") printJson(context.io.stdout, updated);
      else context.io.stdout.write(`Removed Tailscale integration "${name}".\n`);
    });

  return tailscale;
}

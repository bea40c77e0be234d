import { Command, Option } from "commander";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { parseClientId } from "@nsc/core/tailscale/parse-client-id.js";
import { parseLoginServer } from "@nsc/core/tailscale/parse-login-server.js";
import { parseSpecName } from "@nsc/core/ids/spec-name.js";
import { parseTags } from "@nsc/core/tailscale/parse-tags.js";
import { specNotFound } from "@nsc/core/integrations/spec-not-found.js";
import type { TailscaleSpec } from "@nsc/core/integrations/tailscale-spec.js";
import { parseAudience } from "@nsc/core/id-tokens/parse-audience.js";
import type { CommandContext } from "../command-context.js";
import { withExitCodes } from "../io/exit-code-policy.js";
import { parseOutputFormat, printJson } from "../io/output-format.js";
import { formatTailscaleList, integrationsJson } from "./format-integrations.js";
import { rewriteBoolFlags } from "./go-bool-flags.js";
import { deleteTailscaleSpec, fetchIntegrations, putTailscaleSpec } from "./integrations-api.js";

// A string-slice flag as upstream's: comma-separated, nothing trimmed, `--tag ""` adds none.
const collectTags = (value: string, previous: readonly string[]): readonly string[] => [
  ...previous,
  ...(value === "" ? [] : value.split(",")),
];

/** `nsc integrations tailscale set|list|remove`, flag for flag and text for text as upstream `nsc`. */
export function tailscaleCommand(context: CommandContext): Command {
  // Upstream has these three: scripts written for it expect exit 1 on every failure.
  const tailscale = withExitCodes(
    new Command("tailscale").description("manage named Tailscale integration specs"),
    "upstream",
  );

  const set = tailscale.command("set");
  set
    .description("create or replace a named Tailscale spec")
    .argument("<name>", "spec name (lowercase letters, digits, '-' and '_')")
    .option("--oauth-client-id <id>", "client ID of the Tailscale trust credential")
    .option(
      "--tag <tags>",
      "ACL tag to advertise; repeat or comma-separate",
      collectTags,
      [] as readonly string[],
    )
    .option(
      "--enable-magic-dns",
      "let the device use the tailnet's DNS (MagicDNS); =true|=false work too",
      false,
    )
    .addOption(new Option("--no-enable-magic-dns").hideHelp())
    .option("--login-server <url>", "control server base URL (default: Tailscale's)")
    .option(
      "--audience <audience>",
      "the trust credential's audience, when it is not the default api.tailscale.com/<client-id>",
    )
    .option("-o, --output <format>", "plain or json", "plain")
    .action(
      async (
        name: string,
        flags: {
          oauthClientId?: string;
          tag: readonly string[];
          enableMagicDns: boolean;
          loginServer?: string;
          audience?: string;
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
          ...(flags.audience === undefined ? {} : { audience: parseAudience(flags.audience, "--audience") }),
        };
        const client = context.client();
        const current = await fetchIntegrations(client);
        const updated = await putTailscaleSpec(client, specName, current.metadata_version, spec);
        if (format === "json") printJson(context.io.stdout, integrationsJson(updated));
        else context.io.stdout.write(`Updated Tailscale integration "${specName}".\n`);
      },
    );

  // Commander knows no `--flag=false` for a boolean; upstream's flag parser does.
  const parseSetOptions = set.parseOptions.bind(set);
  set.parseOptions = (args) => parseSetOptions(rewriteBoolFlags(args, ["enable-magic-dns"]));

  tailscale
    .command("list")
    .description("list the workspace's Tailscale specs")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const document = await fetchIntegrations(context.client());
      if (format === "json") printJson(context.io.stdout, integrationsJson(document));
      else context.io.stdout.write(formatTailscaleList(document));
    });

  tailscale
    .command("remove")
    .description("remove a named Tailscale spec")
    .argument("<name>", "spec name")
    .option("--force", "remove it even while live instances use it", false)
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (name: string, flags: { output: string; force: boolean }) => {
      const format = parseOutputFormat(flags.output);
      const client = context.client();
      const current = await fetchIntegrations(client);
      if (!Object.hasOwn(current.tailscale, name)) throw specNotFound(name);
      const updated = await deleteTailscaleSpec(client, name, current.metadata_version, flags.force);
      if (format === "json") printJson(context.io.stdout, integrationsJson(updated));
      else context.io.stdout.write(`Removed Tailscale integration "${name}".\n`);
    });

  return tailscale;
}

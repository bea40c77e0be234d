import { Command } from "commander";
import { devboxDefaultsResponseSchema } from "@nsc/core/api/devbox-defaults.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { parseSpecName } from "@nsc/core/ids/spec-name.js";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../io/output-format.js";
import { formatDevboxDefaults } from "./format-devbox-defaults.js";

const PATH = "/v1/devbox/defaults";

/** `nsc devbox defaults get|set`: the workspace default Tailscale spec for new devboxes. */
export function devboxDefaultsCommand(context: CommandContext): Command {
  const defaults = new Command("defaults").description("workspace defaults for new devboxes");

  defaults
    .command("get")
    .description("show the default Tailscale spec and whether it is locked")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const current = await context.client().call("GET", PATH, devboxDefaultsResponseSchema);
      if (format === "json") printJson(context.io.stdout, current);
      else context.io.stdout.write(formatDevboxDefaults(current));
    });

  defaults
    .command("set")
    .description("set the default Tailscale spec (admin); what is not given stays as it is")
    .option("--tailscale-spec <name>", "spec every new devbox joins with unless its file names one")
    .option("--no-tailscale-spec", "no default spec")
    .option("--locked", "enforce the default: it overrides the spec a devbox file names")
    .option("--no-locked", "let a devbox file's own spec win")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { tailscaleSpec?: string | false; locked?: boolean; output: string }) => {
      const format = parseOutputFormat(flags.output);
      if (flags.tailscaleSpec === undefined && flags.locked === undefined) {
        throw new NscError(
          "invalid_request",
          "nothing to set: give --tailscale-spec NAME or --no-tailscale-spec, and/or --locked or --no-locked",
        );
      }
      const spec =
        flags.tailscaleSpec === undefined || flags.tailscaleSpec === false
          ? flags.tailscaleSpec
          : parseSpecName(flags.tailscaleSpec, "--tailscale-spec");
      const client = context.client();
      const current = await client.call("GET", PATH, devboxDefaultsResponseSchema);
      const updated = await client.call("PUT", PATH, devboxDefaultsResponseSchema, {
        tailscale_spec: spec === undefined ? current.tailscale_spec : spec === false ? null : spec,
        locked: flags.locked ?? current.locked,
      });
      if (format === "json") printJson(context.io.stdout, updated);
      else context.io.stdout.write(formatDevboxDefaults(updated));
    });

  return defaults;
}

import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { Command } from "commander";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { parseDevboxSpecFile } from "@nsc/core/devboxes/parse-devbox-spec-file.js";
import type { CommandContext } from "../command-context.js";
import { describeSpecChoice } from "../instances/describe-spec-choice.js";
import { formatTokenHandout, registerInstance, registrationJson } from "../instances/register-instance.js";
import { parseOutputFormat, printJson } from "../io/output-format.js";
import { parseDuration } from "../tokens/parse-duration.js";
import { devboxDefaultsCommand } from "./devbox-defaults-command.js";

/**
 * `nsc devbox create --from FILE` and `nsc devbox defaults get|set`. The file is checked locally first
 * (errors name the file, the line and the field), then registered; the output says which Tailscale spec
 * applied and why.
 */
export function devboxCommand(context: CommandContext): Command {
  const devbox = new Command("devbox").description("devboxes and their workspace defaults");

  devbox
    .command("create")
    .description("register a devbox from a spec file (.json, .yaml, .yml or .toml)")
    .requiredOption("--from <file>", "the devbox spec file")
    .option("--ttl <duration>", "lifetime such as 8h (default: the server's)")
    .option("--token-file <path>", "write the workload token there (mode 0600) instead of printing it")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { from: string; ttl?: string; tokenFile?: string; output: string }) => {
      const format = parseOutputFormat(flags.output);
      const content = readSpecFile(flags.from);
      const spec = parseDevboxSpecFile(content, flags.from);
      const registration = await registerInstance(
        context.client(),
        {
          kind: "devbox",
          devbox_file: { name: basename(flags.from), content },
          ...(flags.ttl === undefined ? {} : { ttl_secs: parseDuration(flags.ttl, "--ttl") }),
        },
        flags.tokenFile,
      );
      if (format === "json") {
        printJson(context.io.stdout, registrationJson(registration));
        return;
      }
      const { instance } = registration;
      context.io.stdout.write(
        `Registered devbox ${instance.devbox_name ?? "(unnamed)"} as instance ${instance.id} (hostname ${instance.hostname}, expires ${instance.expires_at}).\n` +
          `Tailscale spec: ${describeSpecChoice(instance, spec.tailscale_spec)}\n` +
          formatTokenHandout(registration),
      );
    });

  devbox.addCommand(devboxDefaultsCommand(context));
  return devbox;
}

function readSpecFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new NscError(
      "invalid_devbox_spec",
      code === "ENOENT"
        ? `${path}: no such file`
        : `${path}: cannot read it (${typeof code === "string" ? code : String(error)})`,
    );
  }
}

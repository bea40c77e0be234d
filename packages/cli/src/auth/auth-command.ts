import { Command } from "commander";
import type { CommandContext } from "../command-context.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { withExitCodes } from "../io/exit-code-policy.js";
import { printJson } from "../io/output-format.js";
import { findWorkloadCredential } from "../workload/find-workload-credential.js";
import { issueIdToken } from "./issue-id-token.js";
import { addExchangeCommands } from "../exchange/exchange-commands.js";
import { trustRelationshipsCommand } from "../trust/trust-relationships-command.js";
import { parseIdTokenDuration } from "./parse-id-token-duration.js";

/**
 * `nsc auth issue-id-token --audience X [--duration D] [-o plain|json]`, as upstream `nsc`: plain prints
 * `ID token: <jwt>` and an empty line, json `{"id_token": "<jwt>"}`; another `-o` warns and prints plain. Runs on a workload, with its workload credential
 * (`$NSC_TOKEN_FILE`, else `/var/run/nsc/token.json`).
 */
export function authCommand(context: CommandContext): Command {
  const auth = new Command("auth").description("workload identity");

  // Upstream has it: scripts written for it expect exit 1 on every failure.
  withExitCodes(auth.command("issue-id-token"), "upstream")
    .description("issue an OIDC ID token for this workload")
    .option("--audience <audience>", "the audience the relying party expects")
    .option("--duration <duration>", "lifetime such as 10m, 1.5h, 1d or 1w; 0 for the server's default", "0")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { audience?: string; duration: string; output: string }) => {
      // As upstream: any other -o is a warning and plain output, not an error.
      const json = flags.output === "json";
      if (!json && flags.output !== "plain") {
        context.io.stderr.write(`unsupported output ${JSON.stringify(flags.output)}, defaulting to plain\n`);
      }
      if (flags.audience === undefined || flags.audience === "") {
        throw new NscError("invalid_audience", "ID token audience is not provided");
      }
      const durationSecs = parseIdTokenDuration(flags.duration);
      const credential = findWorkloadCredential(context.env);
      const issued = await issueIdToken(credential, flags.audience, durationSecs, {
        transport: context.transport(),
        retry: context.retry,
        timeoutMs: context.network().timeoutMs,
      });
      if (json) printJson(context.io.stdout, { id_token: issued.id_token });
      else
        context.io.stdout.write(`ID token: ${issued.id_token}

`);
    });

  auth.addCommand(trustRelationshipsCommand(context));
  addExchangeCommands(auth, context);

  return auth;
}

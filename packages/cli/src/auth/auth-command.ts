import { Command } from "commander";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../output/output-format.js";
import { parseDuration } from "../tokens/parse-duration.js";
import { findWorkloadCredential } from "../workload/find-workload-credential.js";
import { issueIdToken } from "./issue-id-token.js";

/**
 * `nsc auth issue-id-token --audience X [--duration D] [-o plain|json]`, as upstream `nsc`: plain prints
 * `ID token: <jwt>`, json `{"id_token": "<jwt>"}`. Runs on a workload, with its workload credential
 * (`$NSC_TOKEN_FILE`, else `/var/run/nsc/token.json`).
 */
export function authCommand(context: CommandContext): Command {
  const auth = new Command("auth").description("workload identity");

  auth
    .command("issue-id-token")
    .description("issue an OIDC ID token for this workload")
    .requiredOption("--audience <audience>", "the audience the relying party expects")
    .option(
      "--duration <duration>",
      "lifetime such as 10m or 1h, or seconds; 0 for the server's default",
      "0",
    )
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { audience: string; duration: string; output: string }) => {
      const format = parseOutputFormat(flags.output);
      const durationSecs = parseDuration(flags.duration, "--duration");
      const credential = findWorkloadCredential(context.env);
      const issued = await issueIdToken(credential, flags.audience, durationSecs, {
        fetch: context.io.fetch,
        retry: context.retry,
      });
      if (format === "json") printJson(context.io.stdout, { id_token: issued.id_token });
      else context.io.stdout.write(`ID token: ${issued.id_token}\n`);
    });

  return auth;
}

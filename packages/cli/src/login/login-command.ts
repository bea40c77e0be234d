import { readFileSync } from "node:fs";
import { Command } from "commander";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { workspaceInfoSchema } from "@nsc/core/api/workspace.js";
import { NscClient } from "../api/nsc-client.js";
import type { CommandContext } from "../command-context.js";
import type { NscIo } from "../io/nsc-io.js";
import { saveCredentials } from "../config/cli-config.js";

/**
 * `nsc login --endpoint URL (--token T | --token-file FILE | --token -)`: checks the token against the
 * server and saves both to the config file (mode 0600). Prefer `--token-file` or `-`: a token on the
 * command line is visible in process listings.
 */
export function loginCommand(context: CommandContext): Command {
  return new Command("login")
    .description("save the server endpoint and an API token for later commands")
    .requiredOption("--endpoint <url>", "nsc server URL, such as http://127.0.0.1:8585")
    .option("--token <token>", "API token (or '-' to read it from standard input)")
    .option("--token-file <file>", "read the API token from this file")
    .action(async (flags: { endpoint: string; token?: string; tokenFile?: string }) => {
      const endpoint = parseEndpoint(flags.endpoint);
      const token = await readToken(flags, context.io);
      const client = new NscClient(
        endpoint,
        { kind: "api_token", token },
        { transport: context.transport() },
      );
      let summary: string;
      try {
        const workspace = await client.call("GET", "/v1/workspace", workspaceInfoSchema);
        summary = `workspace ${workspace.id} ("${workspace.name}") as ${workspace.role}`;
      } catch (error) {
        // A launcher token may not read the workspace, yet it is a valid token for its own commands.
        if (!(error instanceof NscError && error.code === "forbidden")) throw error;
        summary = "with a token limited to launching instances";
      }
      const file = saveCredentials(context.env, { endpoint, token });
      context.io.stdout.write(`Logged in to ${endpoint}, ${summary}. Saved to ${file}.\n`);
    });
}

function parseEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new NscError(
      "invalid_config",
      `invalid endpoint ${JSON.stringify(value)}: use a URL such as http://127.0.0.1:8585`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new NscError(
      "invalid_config",
      `invalid endpoint ${JSON.stringify(value)}: use http:// or https://`,
    );
  }
  return value.replace(/\/+$/u, "");
}

async function readToken(flags: { token?: string; tokenFile?: string }, io: NscIo): Promise<string> {
  if ((flags.token === undefined) === (flags.tokenFile === undefined)) {
    throw new NscError("invalid_config", "give exactly one of --token or --token-file");
  }
  let raw: string;
  try {
    if (flags.tokenFile !== undefined) raw = readFileSync(flags.tokenFile, "utf8");
    else raw = flags.token === "-" ? await io.readStdin() : (flags.token ?? "");
  } catch {
    throw new NscError("invalid_config", `cannot read the token file ${JSON.stringify(flags.tokenFile)}`);
  }
  const token = raw.trim();
  if (!token.startsWith("nsct_")) {
    throw new NscError("invalid_config", "that is not an nsc API token (they start with nsct_)");
  }
  return token;
}

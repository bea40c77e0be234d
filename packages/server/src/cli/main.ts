import { Command, Option } from "commander";
import { NscError } from "@nsc/core";
import { resolveServerConfig, type ConfigFlags } from "../config/server-config.js";
import { createWorkspaceCommand } from "./create-workspace.js";
import { serve } from "./serve.js";

interface StorageFlags {
  dataDir?: string;
  databaseUrl?: string;
}

function storageOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--data-dir <dir>", "data directory (SQLite database, key files)")
        .env("NSC_DATA_DIR")
        .default(undefined, "./.nsc"),
    )
    .addOption(
      new Option(
        "--database-url <url>",
        "postgres://… for PostgreSQL; default SQLite in the data directory",
      ).env("NSC_DATABASE_URL"),
    );
}

/** Builds the `nsc-server` command tree. */
export function buildProgram(): Command {
  const program = new Command("nsc-server")
    .description("nsc control plane: OIDC issuer, Tailscale integration specs, instances and the API")
    .enablePositionalOptions()
    .configureOutput({
      outputError: (text, write) => {
        write(text);
      },
    });

  const serveCommand = (command: Command): Command =>
    storageOptions(command)
      .addOption(
        new Option("--listen <host:port>", "address to listen on")
          .env("NSC_LISTEN")
          .default(undefined, "127.0.0.1:8585"),
      )
      .addOption(
        new Option("--issuer-url <url>", "public issuer URL (default: the listen address)").env(
          "NSC_ISSUER_URL",
        ),
      )
      .addOption(
        new Option("--log-level <level>", "debug, info, warn or error")
          .env("NSC_LOG_LEVEL")
          .default(undefined, "info"),
      )
      .action(async (flags: ConfigFlags) => {
        await serve(resolveServerConfig(flags, process.env));
      });

  serveCommand(program);
  serveCommand(program.command("serve").description("run the server (the default command)"));

  const workspace = program.command("workspace").description("manage workspaces directly in the database");
  storageOptions(
    workspace
      .command("create")
      .description("create a workspace and print its ID and admin API token")
      .requiredOption("--name <name>", "workspace display name")
      .option("-o, --output <format>", "plain or json", "plain"),
  ).action(async (flags: StorageFlags & { name: string; output: string }) => {
    if (flags.output !== "plain" && flags.output !== "json") {
      throw new NscError("invalid_output_format", `invalid output format: ${flags.output}`);
    }
    const config = resolveServerConfig(flags, process.env);
    await createWorkspaceCommand(config.databaseUrl, flags.name, flags.output === "json");
  });

  return program;
}

/** Entry point: runs the command line and turns every error into one line on stderr and exit code 1. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof NscError) {
      process.stderr.write(`Error: ${error.message} [${error.code}]\n`);
    } else {
      process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  }
}

import { Command, Option } from "commander";
import { NscError } from "@nsc/core";
import { resolveServerConfig, type ConfigFlags } from "../config/server-config.js";
import { createWorkspaceCommand } from "./create-workspace.js";
import { exportDiscoveryCommand, listKeysCommand, rotateKeysCommand } from "./keys-commands.js";
import { serve } from "./serve.js";

interface StorageFlags {
  dataDir?: string;
  databaseUrl?: string;
}

function storageOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--data-dir <dir>", "data directory (SQLite database, key files) (default: ./.nsc)").env(
        "NSC_DATA_DIR",
      ),
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
    issuerOptions(command)
      .addOption(
        new Option("--log-level <level>", "debug, info, warn or error (default: info)").env("NSC_LOG_LEVEL"),
      )
      .addOption(
        new Option("--tls-cert <file>", "serve HTTPS with this PEM certificate chain").env("NSC_TLS_CERT"),
      )
      .addOption(new Option("--tls-key <file>", "the PEM private key of --tls-cert").env("NSC_TLS_KEY"))
      .addOption(
        new Option(
          "--trust-ca-file <file>",
          "PEM CA certificates trusted, besides the system's, when fetching trust relationships' issuers",
        ).env("NSC_TRUST_CA_FILE"),
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
    const json = outputIsJson(flags.output);
    const config = resolveServerConfig(flags, process.env);
    await createWorkspaceCommand(config.databaseUrl, flags.name, json);
  });

  const keys = program.command("keys").description("the issuer's signing keys");
  issuerOptions(keys.command("list").description("list published signing keys and their states"))
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: ConfigFlags & { output: string }) => {
      await listKeysCommand(resolveServerConfig(flags, process.env), outputIsJson(flags.output));
    });
  issuerOptions(
    keys.command("rotate").description("rotate now: promote the published next key, or publish one"),
  ).action(async (flags: ConfigFlags) => {
    await rotateKeysCommand(resolveServerConfig(flags, process.env));
  });
  issuerOptions(
    program
      .command("export-discovery")
      .description("write the discovery document and JWKS as static files for an object store")
      .requiredOption("--out <dir>", "directory to write .well-known/ into"),
  ).action(async (flags: ConfigFlags & { out: string }) => {
    await exportDiscoveryCommand(resolveServerConfig(flags, process.env), flags.out);
  });

  return program;
}

/** Options of every command that opens the signing keys. */
function issuerOptions(command: Command): Command {
  return storageOptions(command)
    .addOption(
      new Option("--listen <host:port>", "address to listen on (default: 127.0.0.1:8585)").env("NSC_LISTEN"),
    )
    .addOption(
      new Option("--issuer-url <url>", "public issuer URL (default: the listen address)").env(
        "NSC_ISSUER_URL",
      ),
    )
    .addOption(
      new Option("--signing-alg <alg>", "RS256 or ES256, for new keys (default: RS256)").env(
        "NSC_SIGNING_ALG",
      ),
    )
    .addOption(
      new Option(
        "--id-token-max-lifetime <secs>",
        "longest ID token lifetime a workload may ask for (default: 3600)",
      ).env("NSC_ID_TOKEN_MAX_LIFETIME"),
    )
    .addOption(
      new Option("--key-rotation-days <days>", "how long a signing key signs (default: 30)").env(
        "NSC_KEY_ROTATION_DAYS",
      ),
    );
}

function outputIsJson(value: string): boolean {
  if (value !== "plain" && value !== "json")
    throw new NscError("invalid_output_format", `invalid output format: ${value}`);
  return value === "json";
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

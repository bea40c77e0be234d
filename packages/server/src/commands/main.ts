import { Command, CommanderError, Help, Option } from "commander";
import { NscError, exitCodeOf, versionLine, type ErrorCode } from "@nsc/core";
import { withConfigFile } from "../config/read-config-file.js";
import { resolveServerConfig, type ConfigFlags } from "../config/server-config.js";
import { prune } from "../retention/prune.js";
import { openStore } from "../store/open-store.js";
import { backupCommand } from "./backup-command.js";
import { breakGlassTokenCommand } from "./break-glass-token.js";
import { createWorkspaceCommand } from "./create-workspace.js";
import {
  emergencyRotateCommand,
  exportDiscoveryCommand,
  listKeysCommand,
  rotateKeysCommand,
} from "./keys-commands.js";
import { serve } from "./serve.js";
import type { ServerIo } from "./server-io.js";

interface StorageFlags {
  config?: string;
  dataDir?: string;
  databaseUrl?: string;
}

/**
 * An option whose value, when the command line gives none, comes from an environment variable of the
 * injected environment. Commander's own `.env()` would read `process.env`, whatever a run was given.
 */
class EnvOption extends Option {
  constructor(
    flags: string,
    description: string | undefined,
    readonly variable: string,
  ) {
    super(flags, description);
  }
}

/** Sets each {@link EnvOption} of `command` the command line left unset from `env`, as `.env()` would. */
function applyEnvironment(command: Command, env: NodeJS.ProcessEnv): void {
  for (const option of command.options) {
    if (!(option instanceof EnvOption)) continue;
    const value = env[option.variable];
    const key = option.attributeName();
    const unset =
      command.getOptionValue(key) === undefined || command.getOptionValueSource(key) === "default";
    if (value !== undefined && unset) command.setOptionValueWithSource(key, value, "env");
  }
}

/** `--help` lists an {@link EnvOption}'s variable as commander lists an `.env()` option's. */
function optionDescription(this: Help, option: Option): string {
  const text = Help.prototype.optionDescription.call(this, option);
  if (!(option instanceof EnvOption)) return text;
  return text === "" ? `(env: ${option.variable})` : `${text} (env: ${option.variable})`;
}

function storageOptions(command: Command): Command {
  return command
    .addOption(
      new EnvOption(
        "--config <file>",
        "JSON file of settings, keyed by the long flags' names; flags and NSC_* variables win",
        "NSC_CONFIG",
      ),
    )
    .addOption(
      new EnvOption(
        "--data-dir <dir>",
        "data directory (SQLite database, key files) (default: ./.nsc)",
        "NSC_DATA_DIR",
      ),
    )
    .addOption(
      new EnvOption(
        "--database-url <url>",
        "postgres://… for PostgreSQL; default SQLite in the data directory",
        "NSC_DATABASE_URL",
      ),
    );
}

/** Builds the `nsc-server` command tree, printing through `io` and reading settings from `io.env`. */
export function buildProgram(io: ServerIo): Command {
  /** Flags, their environment variables, then the config file, then defaults. */
  const configOf = (flags: ConfigFlags & { readonly config?: string | undefined }) =>
    resolveServerConfig(withConfigFile(flags), io.env);
  const program = new Command("nsc-server")
    .description("nsc control plane: OIDC issuer, Tailscale integration specs, instances and the API")
    .version(versionLine("nsc-server"), "-V, --version", "print the version and commit")
    .enablePositionalOptions();

  const serveCommand = (command: Command): Command =>
    issuerOptions(command)
      .addOption(
        new EnvOption("--log-level <level>", "debug, info, warn or error (default: info)", "NSC_LOG_LEVEL"),
      )
      .addOption(
        new EnvOption("--tls-cert <file>", "serve HTTPS with this PEM certificate chain", "NSC_TLS_CERT"),
      )
      .addOption(new EnvOption("--tls-key <file>", "the PEM private key of --tls-cert", "NSC_TLS_KEY"))
      .addOption(
        new EnvOption(
          "--export-dir <dir>",
          "keep a static copy of .well-known/ here, rewritten after every key rotation",
          "NSC_EXPORT_DIR",
        ),
      )
      .addOption(
        new EnvOption(
          "--retention-instances-days <days>",
          "keep destroyed and expired instances this long (default: 30)",
          "NSC_RETENTION_INSTANCES_DAYS",
        ),
      )
      .addOption(
        new EnvOption(
          "--retention-audit-days <days>",
          "keep audit events this long; id_token.issued at least the longest token lifetime + 1 day (default: 365)",
          "NSC_RETENTION_AUDIT_DAYS",
        ),
      )
      .addOption(
        new EnvOption(
          "--trust-ca-file <file>",
          "PEM CA certificates trusted, besides the system's, when fetching trust relationships' issuers",
          "NSC_TRUST_CA_FILE",
        ),
      )
      // The command comes last whatever the arguments before it (the root takes an optional one).
      .action(async (...args: unknown[]) => {
        const self = args[args.length - 1] as Command;
        await serve(configOf(self.opts<ConfigFlags>()), io);
      });

  // Without a command the program serves; a first word that names no command is caught here, so it is
  // reported as an unknown command rather than as an argument serve does not take.
  serveCommand(program.argument("[command]").usage("[options] [command]")).hook("preAction", (self) => {
    const [word] = self.processedArgs as (string | undefined)[];
    if (word !== undefined) {
      throw new NscError("invalid_usage", `unknown command '${word}' (see --help)`);
    }
  });
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
    const config = configOf(flags);
    await createWorkspaceCommand(config.databaseUrl, flags.name, json, io);
  });

  const keys = program.command("keys").description("the issuer's signing keys");
  issuerOptions(keys.command("list").description("list published signing keys and their states"))
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: ConfigFlags & { output: string }) => {
      await listKeysCommand(configOf(flags), outputIsJson(flags.output), io);
    });
  issuerOptions(
    keys
      .command("rotate")
      .description("rotate now: promote the published next key, or publish one")
      .option(
        "--now",
        "emergency: unpublish every key at once and sign with a fresh one (see docs/operations.md)",
      ),
  ).action(async (flags: ConfigFlags & { now?: boolean }) => {
    const config = configOf(flags);
    await (flags.now === true ? emergencyRotateCommand(config, io) : rotateKeysCommand(config, io));
  });
  issuerOptions(
    program
      .command("export-discovery")
      .description("write the discovery document and JWKS as static files for an object store")
      .requiredOption("--out <dir>", "directory to write .well-known/ into"),
  ).action(async (flags: ConfigFlags & { out: string }) => {
    await exportDiscoveryCommand(configOf(flags), flags.out, io);
  });

  storageOptions(
    program
      .command("backup")
      .description("copy a live SQLite database consistently to a new file")
      .requiredOption("--out <file>", "the backup file to create (must not exist)"),
  ).action(async (flags: StorageFlags & { out: string }) => {
    const written = await backupCommand(configOf(flags).databaseUrl, flags.out);
    io.stdout.write(`Backed up to ${written}. Keep the key-encryption key apart from it.\n`);
  });

  const tokens = program.command("tokens").description("API tokens, directly in the database");
  storageOptions(
    tokens
      .command("create")
      .description("break-glass: create an API token when every admin token is lost")
      .requiredOption("--workspace <id>", "the workspace ID (ws-…)")
      .requiredOption("--role <role>", "admin, member or launcher")
      .option("--name <name>", "the token's name", "break-glass")
      .option("-o, --output <format>", "plain or json", "plain"),
  ).action(
    async (flags: StorageFlags & { workspace: string; role: string; name: string; output: string }) => {
      const json = outputIsJson(flags.output);
      const created = await breakGlassTokenCommand(configOf(flags).databaseUrl, flags, io);
      io.stdout.write(
        json
          ? `${JSON.stringify({ id: created.id, role: created.role, secret: created.secret }, null, 2)}\n`
          : `Created ${created.role} token ${created.id} in workspace ${flags.workspace} (shown only this once):\n  ${created.secret}\n`,
      );
    },
  );

  issuerOptions(
    program
      .command("prune")
      .description("remove destroyed and expired instances and old audit events now (serve does it hourly)")
      .addOption(
        new EnvOption("--retention-instances-days <days>", undefined, "NSC_RETENTION_INSTANCES_DAYS"),
      )
      .addOption(new EnvOption("--retention-audit-days <days>", undefined, "NSC_RETENTION_AUDIT_DAYS")),
  ).action(async (flags: ConfigFlags) => {
    const config = configOf(flags);
    const store = await openStore(config.databaseUrl);
    try {
      let total = { instances: 0, auditEvents: 0 };
      for (;;) {
        const result = await prune(store, config.retention, Date.now());
        total = {
          instances: total.instances + result.instances,
          auditEvents: total.auditEvents + result.auditEvents,
        };
        if (!result.ran || result.instances + result.auditEvents === 0) break;
      }
      io.stdout.write(
        `Pruned ${String(total.instances)} instance(s) and ${String(total.auditEvents)} audit event(s).\n`,
      );
    } finally {
      await store.close();
    }
  });

  const output = {
    writeOut: (text: string) => {
      io.stdout.write(text);
    },
    writeErr: (text: string) => {
      io.stderr.write(text);
    },
    // Usage errors are printed by run, in the one form of every error.
    outputError: () => undefined,
    // A terminal's width, else commander's default of 80 columns.
    getOutHelpWidth: () => (io.stdout.isTTY === true ? io.stdout.columns : undefined) ?? 80,
    getErrHelpWidth: () => (io.stderr.isTTY === true ? io.stderr.columns : undefined) ?? 80,
    // The help has no colours; commander would look at process.env for NO_COLOR and FORCE_COLOR.
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
  // Whichever command acts reads the variables of its options from io.env first.
  program.hook("preAction", (_self, action) => {
    applyEnvironment(action, io.env);
  });
  applyRecursively(program, (command) =>
    command.exitOverride().configureOutput(output).configureHelp({ optionDescription }),
  );
  return program;
}

function applyRecursively(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyRecursively(sub, apply);
}

/** Options of every command that opens the signing keys. */
function issuerOptions(command: Command): Command {
  return storageOptions(command)
    .addOption(
      new EnvOption("--listen <host:port>", "address to listen on (default: 127.0.0.1:8585)", "NSC_LISTEN"),
    )
    .addOption(
      new EnvOption(
        "--issuer-url <url>",
        "public issuer URL (default: the listen address)",
        "NSC_ISSUER_URL",
      ),
    )
    .addOption(
      new EnvOption(
        "--signing-alg <alg>",
        "RS256 or ES256, for new keys (default: RS256)",
        "NSC_SIGNING_ALG",
      ),
    )
    .addOption(
      new EnvOption(
        "--id-token-max-lifetime <secs>",
        "longest ID token lifetime a workload may ask for (default: 3600)",
        "NSC_ID_TOKEN_MAX_LIFETIME",
      ),
    )
    .addOption(
      new EnvOption(
        "--key-rotation-days <days>",
        "how long a signing key signs (default: 30)",
        "NSC_KEY_ROTATION_DAYS",
      ),
    );
}

function outputIsJson(value: string): boolean {
  if (value !== "plain" && value !== "json")
    throw new NscError("invalid_output_format", `invalid output format: ${value}`);
  return value === "json";
}

/**
 * Runs `nsc-server` with `argv` (without the program name) and returns its exit status. It prints only
 * through `io.stdout` and `io.stderr` (commander's help, version and errors included) and reads only
 * `io.env`: the binary runs it on the process's streams and environment, an in-process run on its own.
 * Every failure ends as one line on stderr, `Error: <message> [<code>]`, with core's `exitCodeOf` status,
 * as `nsc` reports its own: an unknown flag, command or missing value from the argument parser is
 * `invalid_usage` (2), a bad setting `invalid_config` (2), anything unexpected `internal` (1).
 *
 * @example
 * process.exitCode = await run(["keys", "list"], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 */
export async function run(argv: readonly string[], io: ServerIo): Promise<number> {
  const fail = (code: ErrorCode, message: string): number => {
    io.stderr.write(`Error: ${message} [${code}]\n`);
    return exitCodeOf(code);
  };
  try {
    await buildProgram(io).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end the run successfully; anything else is a usage error.
      if (error.exitCode === 0) return 0;
      return fail(
        "invalid_usage",
        `${error.message.replace(/^error: /u, "").replace(/\s*\n\s*/gu, " ")} (see --help)`,
      );
    }
    if (error instanceof NscError) return fail(error.code, error.message);
    return fail("internal", error instanceof Error ? error.message : String(error));
  }
}

/** Entry point of the binary: {@link run} on the process's argv, standard streams and environment. */
export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await run(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}

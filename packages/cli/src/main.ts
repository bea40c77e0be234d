import { Command, CommanderError, Help } from "commander";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { versionLine } from "@nsc/core/version/version-line.js";
import { createCommandContext, type CommandContext } from "./command-context.js";
import { exitCodePolicyOf } from "./io/exit-code-policy.js";
import { reportError } from "./io/report-error.js";
import { wantsJson } from "./io/wants-json.js";
import type { NscIo } from "./io/nsc-io.js";
import { processIo } from "./io/process-io.js";

/** A top-level command family, loaded only when a command line names it. */
interface CommandFamily {
  readonly name: string;
  /** How `nsc --help` lists it. */
  readonly term: string;
  readonly description: string;
  readonly load: (context: CommandContext) => Promise<Command>;
}

const FAMILIES: readonly CommandFamily[] = [
  {
    name: "login",
    term: "login [options]",
    description: "save the server endpoint and an API token for later commands",
    load: async (c) => (await import("./login/login-command.js")).loginCommand(c),
  },
  {
    name: "logout",
    term: "logout",
    description: "forget the saved endpoint and API token",
    load: async (c) => (await import("./session/logout-command.js")).logoutCommand(c),
  },
  {
    name: "whoami",
    term: "whoami [options]",
    description: "print the workspace, role and endpoint of the current login",
    load: async (c) => (await import("./session/whoami-command.js")).whoamiCommand(c),
  },
  {
    name: "workspace",
    term: "workspace",
    description: "show the workspace of the current login",
    load: async (c) => (await import("./workspace/workspace-command.js")).workspaceCommand(c),
  },
  {
    name: "integrations",
    term: "integrations",
    description: "manage workspace integrations",
    load: async (c) => (await import("./integrations/integrations-command.js")).integrationsCommand(c),
  },
  {
    name: "tokens",
    term: "tokens",
    description: "manage the workspace's API tokens",
    load: async (c) => (await import("./tokens/tokens-command.js")).tokensCommand(c),
  },
  {
    name: "audit",
    term: "audit",
    description: "read the workspace's audit log",
    load: async (c) => (await import("./audit/audit-command.js")).auditCommand(c),
  },
  {
    name: "instances",
    term: "instances",
    description: "register and manage workload instances",
    load: async (c) => (await import("./instances/instances-command.js")).instancesCommand(c),
  },
  {
    name: "devbox",
    term: "devbox",
    description: "devboxes and their workspace defaults",
    load: async (c) => (await import("./devbox/devbox-command.js")).devboxCommand(c),
  },
  {
    name: "auth",
    term: "auth",
    description: "workload identity",
    load: async (c) => (await import("./auth/auth-command.js")).authCommand(c),
  },
  {
    name: "tailscale",
    term: "tailscale",
    description: "join this workload to the tailnet",
    load: async (c) => (await import("./tailscale/up-command.js")).tailscaleCommand(c),
  },
  {
    name: "runner",
    term: "runner",
    description: "self-hosted runner integration",
    load: async (c) => (await import("./runner/runner-command.js")).runnerCommand(c),
  },
];

/** Global options that take a value, so the family is found after them. */
const GLOBAL_VALUE_OPTIONS = new Set(["--ca-file"]);

/** The family a command line names: its first word, or the word after `help`. */
function familyOf(argv: readonly string[]): CommandFamily | undefined;
/** The first word of a command line, family or not. */
function familyOf(argv: readonly string[], word: true): string | undefined;
function familyOf(argv: readonly string[], word?: true): CommandFamily | string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const arg = argv[i] ?? "";
    if (GLOBAL_VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith("-")) words.push(arg);
  }
  const name = words[0] === "help" ? words[1] : words[0];
  if (word === true) return name;
  return FAMILIES.find((family) => family.name === name);
}

/**
 * Builds the `nsc` command tree for a command line. Only the family the line names is loaded (with its
 * dependencies: zod schemas, devbox file parsers); the others are listed for `--help` by name and
 * description alone, so `nsc --help` loads nothing but the argument parser. `reached` hears of the program
 * and then of each subcommand the parser enters, so a failure, even a usage error found before any
 * action runs, is reported under the exit-code policy of the deepest command named.
 */
export async function buildProgram(
  io: NscIo,
  env: NodeJS.ProcessEnv,
  argv: readonly string[] = [],
  reached: (command: Command) => void = () => undefined,
): Promise<Command> {
  const context = createCommandContext(io, env);
  const wanted = familyOf(argv);
  const program = new Command("nsc")
    .description("nsc: workload identity federation for Tailscale, self-hosted")
    .option(
      "--ca-file <file>",
      "trust this PEM CA certificate besides the system's roots (default: $NSC_CA_FILE)",
    )
    .configureHelp({
      subcommandTerm: (command) =>
        FAMILIES.find((family) => family.name === command.name())?.term ??
        Help.prototype.subcommandTerm.call(new Help(), command),
    })
    .hook("preAction", (self) => {
      context.setCaFile(self.opts<{ caFile?: string }>().caFile);
    });
  program.version(versionLine("nsc"), "-V, --version", "print the version and commit");
  // A completion script describes the whole tree, so `completion` loads every family.
  const completing = familyOf(argv, true) === "completion";
  for (const family of FAMILIES) {
    const command =
      completing || family === wanted
        ? await family.load(context)
        : new Command(family.name).helpOption(false);
    program.addCommand(command.description(family.description));
  }
  program.addCommand(
    new Command("completion")
      .description("print a shell completion script: bash, zsh or fish")
      .argument("<shell>", "bash, zsh or fish")
      .action(async (shell: string) => {
        const { COMPLETION_SHELLS, completionScript } = await import("./completion/completion-script.js");
        const known = COMPLETION_SHELLS.find((name) => name === shell);
        if (known === undefined) {
          throw new NscError(
            "invalid_usage",
            `unknown shell ${JSON.stringify(shell)}: use bash, zsh or fish`,
          );
        }
        io.stdout.write(completionScript(program, known));
      }),
  );
  const output = {
    writeOut: (text: string) => {
      io.stdout.write(text);
    },
    writeErr: (text: string) => {
      io.stderr.write(text);
    },
    // Usage errors are printed by main, in the one form of every error.
    outputError: () => undefined,
  };
  applyRecursively(program, (command) =>
    command
      .exitOverride()
      .configureOutput(output)
      .hook("preSubcommand", (_parent, sub) => {
        reached(sub);
      }),
  );
  reached(program);
  return program;
}

function applyRecursively(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyRecursively(sub, apply);
}

/**
 * Runs `nsc` with `argv` (without the program name) and returns the exit code. Every byte it prints goes
 * through `io`, every request through `io.transport` (or the `node:http` transport), and it reads only the
 * environment it is given: the binary calls it with {@link processIo} and `process.env`, an in-process run
 * with its own. Every failure ends as one line on stderr — `Error: <message> [<code>]`, or
 * `{"error":{"code","message"}}` under `-o json` — never a stack trace. The exit status follows the failing
 * command's exit-code policy (`io/exit-code-policy.ts`): 1 for every failure of the commands upstream `nsc` has too, core's
 * `exitCodeOf` for nsc's own (usage 2, not authenticated 3, not found 4, conflict 5, unavailable 6, Tailscale
 * refused 7, else 1).
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), processIo(), process.env);
 */
export async function main(
  argv: readonly string[],
  io: NscIo = processIo(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const json = wantsJson(argv);
  let command: Command | undefined;
  try {
    const program = await buildProgram(io, env, argv, (reached) => {
      command = reached;
    });
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    const policy = exitCodePolicyOf(command);
    if (error instanceof CommanderError) {
      // Help and --version end the run successfully; anything else is a usage error.
      if (error.exitCode === 0) return 0;
      const message = error.message.replace(/^error: /u, "").replace(/\s*\n\s*/gu, " ");
      return reportError(io, "invalid_usage", `${message} (see --help)`, json, policy);
    }
    if (error instanceof NscError) return reportError(io, error.code, error.message, json, policy);
    return reportError(io, "internal", error instanceof Error ? error.message : String(error), json, policy);
  }
}

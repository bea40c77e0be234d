import { Command, CommanderError } from "commander";
import { NscError, versionLine } from "@nsc/core";
import { COMPLETION_SHELLS, completionScript, type CompletionShell } from "./completion/completion-script.js";
import { reportError } from "./output/report-error.js";
import { wantsJson } from "./output/wants-json.js";
import { logoutCommand } from "./session/logout-command.js";
import { whoamiCommand } from "./session/whoami-command.js";
import { auditCommand } from "./audit/audit-command.js";
import { authCommand } from "./auth/auth-command.js";
import { createCommandContext } from "./command-context.js";
import { devboxCommand } from "./devbox/devbox-command.js";
import { instancesCommand } from "./instances/instances-command.js";
import { integrationsCommand } from "./integrations/integrations-command.js";
import type { NscIo } from "./io/nsc-io.js";
import { processIo } from "./io/process-io.js";
import { loginCommand } from "./login/login-command.js";
import { runnerCommand } from "./runner/runner-command.js";
import { tailscaleCommand } from "./tailscale/up-command.js";
import { tokensCommand } from "./tokens/tokens-command.js";
import { workspaceCommand } from "./workspace/workspace-command.js";

/** Builds the `nsc` command tree for an {@link NscIo} and an environment. */
export function buildProgram(io: NscIo, env: NodeJS.ProcessEnv): Command {
  const context = createCommandContext(io, env);
  const program = new Command("nsc")
    .description("nsc: workload identity federation for Tailscale, self-hosted")
    .version(versionLine("nsc"), "-V, --version", "print the version and commit")
    .addCommand(loginCommand(context))
    .addCommand(logoutCommand(context))
    .addCommand(whoamiCommand(context))
    .addCommand(workspaceCommand(context))
    .addCommand(integrationsCommand(context))
    .addCommand(tokensCommand(context))
    .addCommand(auditCommand(context))
    .addCommand(instancesCommand(context))
    .addCommand(devboxCommand(context))
    .addCommand(authCommand(context))
    .addCommand(tailscaleCommand(context))
    .addCommand(runnerCommand(context));
  program.addCommand(
    new Command("completion")
      .description("print a shell completion script: bash, zsh or fish")
      .argument("<shell>", COMPLETION_SHELLS.join(", "))
      .action((shell: string) => {
        if (!(COMPLETION_SHELLS as readonly string[]).includes(shell)) {
          throw new NscError(
            "invalid_usage",
            `unknown shell ${JSON.stringify(shell)}: use bash, zsh or fish`,
          );
        }
        io.stdout.write(completionScript(program, shell as CompletionShell));
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
  applyRecursively(program, (command) => command.exitOverride().configureOutput(output));
  return program;
}

function applyRecursively(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyRecursively(sub, apply);
}

/**
 * Runs `nsc` with `argv` (without the program name) and returns the exit code. Every byte it prints goes
 * through `io`, every request through `io.fetch`, and it reads only the environment it is given: the
 * binary calls it with {@link processIo} and `process.env`, an in-process run with its own. Every failure
 * ends as one line on stderr — `Error: <message> [<code>]`, or `{"error":{"code","message"}}` under
 * `-o json` — with the exit status of core's `exitCodeOf` (usage 2, not authenticated 3, not found 4,
 * conflict 5, unavailable 6, Tailscale refused 7, else 1); never a stack trace.
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
  try {
    await buildProgram(io, env).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end the run successfully; anything else is a usage error.
      if (error.exitCode === 0) return 0;
      const message = error.message.replace(/^error: /u, "");
      return reportError(io, "invalid_usage", `${message} (see --help)`, json);
    }
    if (error instanceof NscError) return reportError(io, error.code, error.message, json);
    return reportError(io, "internal", error instanceof Error ? error.message : String(error), json);
  }
}

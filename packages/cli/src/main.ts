import { Command, CommanderError } from "commander";
import { NscError } from "@nsc/core";
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
    .addCommand(loginCommand(context))
    .addCommand(workspaceCommand(context))
    .addCommand(integrationsCommand(context))
    .addCommand(tokensCommand(context))
    .addCommand(auditCommand(context))
    .addCommand(instancesCommand(context))
    .addCommand(devboxCommand(context))
    .addCommand(authCommand(context))
    .addCommand(tailscaleCommand(context))
    .addCommand(runnerCommand(context));
  const output = {
    writeOut: (text: string) => {
      io.stdout.write(text);
    },
    writeErr: (text: string) => {
      io.stderr.write(text);
    },
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
 * ends as one line on stderr — `Error: <message> [<code>]` — and exit code 1; never a stack trace.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), processIo(), process.env);
 */
export async function main(
  argv: readonly string[],
  io: NscIo = processIo(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    await buildProgram(io, env).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help or its own one-line usage error.
      return error.exitCode;
    }
    if (error instanceof NscError) {
      io.stderr.write(`Error: ${error.message} [${error.code}]\n`);
      return 1;
    }
    io.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)} [internal]\n`);
    return 1;
  }
}

import { Command } from "commander";
import type { CommandContext } from "../command-context.js";
import { leaveTailnet } from "../tailscale/leave-tailnet.js";
import { runUpCommand, withUpOptions, type UpFlags } from "../tailscale/up-command.js";

/**
 * `nsc runner hook job-started|job-completed`, for a self-hosted GitHub Actions runner's
 * `ACTIONS_RUNNER_HOOK_JOB_STARTED` / `ACTIONS_RUNNER_HOOK_JOB_COMPLETED` scripts: join the tailnet before
 * each job (as `nsc tailscale up`), log out after it so the ephemeral device leaves at once.
 */
export function runnerCommand(context: CommandContext): Command {
  const hook = new Command("hook").description("GitHub Actions runner job hooks");

  withUpOptions(hook.command("job-started").description("join the tailnet before a job")).action(
    (flags: UpFlags) => runUpCommand(context, flags),
  );

  hook
    .command("job-completed")
    .description("log out of the tailnet after a job; quiet when already logged out")
    .option("--tailscale-bin <path>", "the tailscale command", "tailscale")
    .action(async (flags: { tailscaleBin: string }) => {
      const outcome = await leaveTailnet(flags.tailscaleBin, {
        platform: context.io.platform,
        env: context.env,
        runProgram: context.io.runProgram,
      });
      if (outcome === "logged_out") context.io.stdout.write("Logged out of the tailnet.\n");
    });

  return new Command("runner").description("self-hosted runner integration").addCommand(hook);
}

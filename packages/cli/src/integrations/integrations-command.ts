import { Command } from "commander";
import type { CommandContext } from "../command-context.js";
import { tailscaleCommand } from "./tailscale-command.js";

/** `nsc integrations …`: the workspace's integrations (Tailscale for now). */
export function integrationsCommand(context: CommandContext): Command {
  return new Command("integrations")
    .description("manage workspace integrations")
    .addCommand(tailscaleCommand(context));
}

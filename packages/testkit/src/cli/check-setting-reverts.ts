import { CliFailure } from "./cli-failure.js";
import type { NodePrefs } from "./node-state.js";

/** The default `--login-server`. */
export const DEFAULT_LOGIN_SERVER = "https://controlplane.tailscale.com";

function flagsFor(prefs: NodePrefs): Map<string, string> {
  const flags = new Map<string, string>();
  if (!prefs.acceptDns) flags.set("accept-dns", "false");
  if (prefs.advertiseTags.length > 0) flags.set("advertise-tags", prefs.advertiseTags.join(","));
  if (prefs.hostname !== "") flags.set("hostname", prefs.hostname);
  if (prefs.loginServer !== DEFAULT_LOGIN_SERVER) flags.set("login-server", prefs.loginServer);
  return flags;
}

/**
 * Like the real `tailscale up` without `--reset`: refuses when a setting currently non-default would
 * silently go back to its default because its flag was not repeated.
 */
export function checkSettingReverts(current: NodePrefs, wanted: NodePrefs, given: ReadonlySet<string>): void {
  const currentFlags = flagsFor(current);
  const wantedFlags = flagsFor(wanted);
  const reverted = [...currentFlags.keys()].some(
    (name) => !given.has(name) && wantedFlags.get(name) !== currentFlags.get(name),
  );
  if (!reverted) return;
  const mention = new Map(currentFlags);
  for (const name of given) {
    const value = wantedFlags.get(name);
    if (value === undefined) mention.delete(name);
    else mention.set(name, value);
  }
  const suggestion = [...mention.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `--${name}=${value}`)
    .join(" ");
  throw new CliFailure(
    "Error: changing settings via 'tailscale up' requires mentioning all\n" +
      "non-default flags. To proceed, either re-run your command with --reset or\n" +
      "use the command below to explicitly mention the current value of\n" +
      "all non-default settings:\n\n" +
      `\ttailscale up ${suggestion}`,
  );
}

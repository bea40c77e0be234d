import { CliFailure } from "./cli-failure.js";
import { DEFAULT_PREFS, type NodePrefs } from "./node-state.js";

export { DEFAULT_LOGIN_SERVER } from "./node-state.js";

/** One pref the accidental-revert check covers, by the `tailscale up` flag that sets it. */
interface PrefFlag {
  readonly flag: string;
  readonly value: (prefs: NodePrefs) => string | boolean;
}

/** The prefs the check covers (a subset of the real client's ~20: the ones a workload meets). */
const PREF_FLAGS: readonly PrefFlag[] = [
  { flag: "accept-dns", value: (p) => p.acceptDns },
  { flag: "accept-routes", value: (p) => p.acceptRoutes },
  { flag: "advertise-exit-node", value: (p) => p.advertiseExitNode },
  { flag: "advertise-routes", value: (p) => p.advertiseRoutes },
  { flag: "advertise-tags", value: (p) => p.advertiseTags.join(",") },
  { flag: "exit-node", value: (p) => p.exitNode },
  { flag: "hostname", value: (p) => p.hostname },
  { flag: "login-server", value: (p) => p.loginServer },
  { flag: "operator", value: (p) => p.operator },
  { flag: "shields-up", value: (p) => p.shieldsUp },
  { flag: "ssh", value: (p) => p.ssh },
];

/** The real client's text, up to the suggested command line. */
export const ACCIDENTAL_REVERT_PREFIX =
  "Error: changing settings via 'tailscale up' requires mentioning all\n" +
  "non-default flags. To proceed, either re-run your command with --reset or\n" +
  "use the command below to explicitly mention the current value of\n" +
  "all non-default settings:\n\n" +
  "\ttailscale up";

function formatFlag(flag: string, value: string | boolean): string {
  if (value === true) return `--${flag}`;
  if (value === false) return `--${flag}=false`;
  return /^[\w@%+=:,./-]*$/u.test(value) && value !== "" ? `--${flag}=${value}` : `--${flag}='${value}'`;
}

/**
 * Like the real `tailscale up` without `--reset`: refuses (exit 1) when a pref that is not at its default
 * would silently go back to the default because its flag was not repeated. The message ends with the
 * command line that keeps everything: the flags given plus the current value of each one left out.
 */
export function checkSettingReverts(current: NodePrefs, wanted: NodePrefs, given: ReadonlySet<string>): void {
  const missing = PREF_FLAGS.filter(
    ({ flag, value }) => !given.has(flag) && value(current) !== value(DEFAULT_PREFS),
  );
  if (missing.length === 0) return;
  const mention = PREF_FLAGS.filter((pref) => given.has(pref.flag) || missing.includes(pref)).map((pref) =>
    formatFlag(pref.flag, pref.value(given.has(pref.flag) ? wanted : current)),
  );
  throw new CliFailure(`${ACCIDENTAL_REVERT_PREFIX} ${mention.join(" ")}`);
}

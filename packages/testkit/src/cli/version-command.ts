import { createHash } from "node:crypto";
import type { CliIo } from "./cli-io.js";
import type { ClientVersion } from "./client-version.js";
import { boolFlag, parseFlags } from "./parse-flags.js";

/**
 * `tailscale version [--json]`: the version alone on the first line, then indented commit and Go lines, as
 * the real client prints them. Commits are made up but stable per version.
 */
export function versionCommand(args: readonly string[], version: ClientVersion, io: CliIo): number {
  const flags = parseFlags(args, [
    { name: "json", kind: "bool", default: false },
    { name: "daemon", kind: "bool", default: false },
    { name: "upstream", kind: "bool", default: false },
  ]);
  const commit = createHash("sha1").update(`tailscale ${version.text}`).digest("hex");
  const short = `${version.major}.${version.minor}.${version.patch}`;
  const long = `${short}-t${commit.slice(0, 9)}-g${commit.slice(9, 18)}`;
  const goVersion = "go1.25.5";
  if (boolFlag(flags, "json")) {
    io.stdout(
      `${JSON.stringify(
        {
          majorMinorPatch: short,
          short,
          long,
          unstableBranch: version.minor % 2 === 1,
          gitCommit: commit,
          goVersion,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  io.stdout(`${short}\n  tailscale commit: ${commit}\n  long version: ${long}\n  go version: ${goVersion}\n`);
  return 0;
}

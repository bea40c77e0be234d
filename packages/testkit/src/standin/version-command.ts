import { createHash } from "node:crypto";
import type { CliIo } from "./cli-io.js";
import { isUnstable, versionAtLeast, type ClientVersion } from "./client-version.js";
import { boolFlag, parseFlags } from "./parse-flags.js";

/** The Go toolchain the stand-in claims to be built with. */
const GO_VERSION = "go1.25.5";

/**
 * `tailscale version [--json]` as an official build prints it: the short version; `  track: unstable …` for
 * an odd minor; then `  tailscale commit:`, `  long version:`, `  other commit:` and `  go version:` (from
 * 1.98 with a ` (tailscale/go <rev>)` suffix). `--json` prints tab-indented `version.Meta` fields,
 * `unstableBranch` only when true. Commits are made up but stable per version.
 */
export function versionCommand(args: readonly string[], version: ClientVersion, io: CliIo): number {
  const flags = parseFlags(args, [
    { name: "json", kind: "bool", default: false },
    { name: "daemon", kind: "bool", default: false },
    { name: "upstream", kind: "bool", default: false },
  ]);
  const commit = createHash("sha1").update(`tailscale ${version.text}`).digest("hex");
  const otherCommit = createHash("sha1").update(`corp ${version.text}`).digest("hex");
  const short = `${version.major}.${version.minor}.${version.patch}`;
  const long = `${short}-t${commit.slice(0, 9)}-g${otherCommit.slice(0, 9)}`;
  const unstable = isUnstable(version);
  if (boolFlag(flags, "json")) {
    const meta = {
      majorMinorPatch: short,
      short,
      long,
      ...(unstable ? { unstableBranch: true } : {}),
      gitCommit: commit,
      extraGitCommit: otherCommit,
      cap: 100 + version.minor,
    };
    io.stdout(`${JSON.stringify(meta, null, "\t")}\n`);
    return 0;
  }
  const goVersion = versionAtLeast(version, "1.98.0")
    ? `${GO_VERSION} (tailscale/go ${commit.slice(20, 32)})`
    : GO_VERSION;
  const lines = [
    short,
    ...(unstable ? ["  track: unstable (dev); frequent updates and bugs are likely"] : []),
    `  tailscale commit: ${commit}`,
    `  long version: ${long}`,
    `  other commit: ${otherCommit}`,
    `  go version: ${goVersion}`,
  ];
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}

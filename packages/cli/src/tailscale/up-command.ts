import { userInfo } from "node:os";
import { Command } from "commander";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../io/output-format.js";
import { parseDuration } from "../tokens/parse-duration.js";
import { joinTailnet, type JoinOutcome } from "./join-tailnet.js";
import { formatCommandLine } from "./up-argv.js";
import { FEDERATED_UP_MIN_VERSION, formatVersion, type JoinPath } from "./client-version.js";
import { exchangeEndpoint, exchangeForWorkloadToken } from "../exchange/exchange-token.js";
import { describeSource, parseExchangeSource, readExternalToken } from "../exchange/external-token-source.js";
import type { WorkloadCredential } from "../workload/find-workload-credential.js";

/** Longest `--timeout` accepted, in seconds. */
export const MAX_UP_TIMEOUT_SECS = 1800;

/** The flags of `nsc tailscale up` (and `nsc runner hook job-started`). */
export interface UpFlags {
  readonly tailscaleBin: string;
  readonly timeout: string;
  readonly dryRun: boolean;
  /** `--no-federation` sets it false: always the auth-key path. */
  readonly federation: boolean;
  readonly output: string;
  /** `kubernetes`, `github` or `file:PATH`: exchange the workload's own token first. */
  readonly exchange?: string;
  readonly workspace?: string;
  readonly audience?: string;
  readonly tokenFile?: string;
  readonly endpoint?: string;
  readonly label: readonly string[];
}

/** Adds the flags of {@link UpFlags} to a command. */
export function withUpOptions(command: Command): Command {
  return command
    .option("--tailscale-bin <path>", "the tailscale command", "tailscale")
    .option("--timeout <duration>", "how long tailscale up may wait to be running, e.g. 2m", "2m")
    .option("--dry-run", "print the tailscale argv (secrets redacted) without running up", false)
    .option(
      "--no-federation",
      "make the auth key in nsc instead of passing --client-id/--id-token (for clients built without identity federation)",
    )
    .option("-o, --output <format>", "plain or json", "plain")
    .option("--exchange <source>", "get the credential by token exchange: kubernetes, github or file:PATH")
    .option("--workspace <id>", "with --exchange: the workspace ID whose trust relationships admit the token")
    .option("--audience <aud>", "with --exchange github: the audience to ask GitHub for")
    .option(
      "--token-file <path>",
      "with --exchange kubernetes: the projected token (default /var/run/secrets/nsc/token)",
    )
    .option(
      "--endpoint <url>",
      "with --exchange: the nsc server (default: $NSC_ENDPOINT, else the saved login)",
    )
    .option(
      "--label <label>",
      "with --exchange: a runner label of the job; repeat for each",
      collectLabel,
      [] as readonly string[],
    );
}

const collectLabel = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

/** Runs a join for a command's flags and prints the outcome. */
export async function runUpCommand(context: CommandContext, flags: UpFlags): Promise<void> {
  const format = parseOutputFormat(flags.output);
  const timeoutSecs = parseDuration(flags.timeout, "--timeout");
  if (timeoutSecs < 1 || timeoutSecs > MAX_UP_TIMEOUT_SECS) {
    throw new NscError(
      "invalid_duration",
      `--timeout must be from 1s to ${MAX_UP_TIMEOUT_SECS / 60}m, so a join never waits forever`,
    );
  }
  const credential = flags.exchange === undefined ? undefined : await exchangeCredential(context, flags);
  const outcome = await joinTailnet(
    { program: flags.tailscaleBin, timeoutSecs, dryRun: flags.dryRun, federation: flags.federation },
    {
      platform: context.io.platform,
      env: context.env,
      runProgram: context.io.runProgram,
      transport: context.transport(),
      retry: context.retry,
      timeoutMs: context.network().timeoutMs,
      tempDir: context.io.tempDir,
      credential,
      ...operatorOf(),
    },
  );
  if (format === "json") printJson(context.io.stdout, outcome.report);
  else if (outcome.kind === "joined") context.io.stdout.write(describeOutcome(outcome, flags));
  if (outcome.kind === "joined" && outcome.clientMissing) {
    context.io.stderr.write(missingClientNote(flags.tailscaleBin, outcome.report.path));
  }
  if (outcome.kind === "failed") throw outcome.error;
}

/**
 * The note a dry run prints on stderr when `tailscale` is missing: the plan stands, the join would not.
 *
 * @example
 * missingClientNote("tailscale", "federated")
 * // "note: the tailscale client is missing (tailscale: not found); the plan is for Tailscale 1.90.4 or
 * //  later. Install Tailscale, or pass --tailscale-bin PATH, before joining.\n"
 */
export function missingClientNote(program: string, path: JoinPath): string {
  const assumption =
    path === "federated"
      ? `; the plan is for Tailscale ${formatVersion(FEDERATED_UP_MIN_VERSION)} or later`
      : "";
  return (
    `note: the tailscale client is missing (${program}: not found)${assumption}. ` +
    "Install Tailscale, or pass --tailscale-bin PATH, before joining.\n"
  );
}

/** Trades the workload's own token (`--exchange`) for its credential, kept in memory only. */
async function exchangeCredential(context: CommandContext, flags: UpFlags): Promise<WorkloadCredential> {
  const source = parseExchangeSource(flags.exchange ?? "", {
    audience: flags.audience,
    tokenFile: flags.tokenFile,
  });
  if (flags.workspace === undefined || flags.workspace === "") {
    throw new NscError(
      "invalid_request",
      "--exchange needs --workspace: the workspace ID (Tenant ID in nsc workspace describe)",
    );
  }
  const endpoint = exchangeEndpoint(flags.endpoint, context.env);
  const token = await readExternalToken(source, context.env, context.transport());
  const result = await exchangeForWorkloadToken(
    endpoint,
    {
      workspace_id: flags.workspace,
      token,
      ...(flags.label.length === 0 ? {} : { labels: [...flags.label] }),
    },
    { transport: context.transport(), retry: context.retry },
  );
  return { ...result.credential, source: `the token exchange of ${describeSource(source)}` };
}

/** The user to keep as tailscaled's operator across `--reset`: this process's, unless it is root. */
function operatorOf(): { readonly operator?: string } {
  if (process.getuid === undefined || process.getuid() === 0) return {};
  return { operator: userInfo().username };
}

function describeOutcome(outcome: Extract<JoinOutcome, { kind: "joined" }>, flags: UpFlags): string {
  const { report } = outcome;
  if (flags.dryRun) return `${formatCommandLine(flags.tailscaleBin, report.argv)}\n`;
  const how =
    report.path === "federated"
      ? "federated identity"
      : flags.federation
        ? `an auth key made by nsc (tailscale ${outcome.version === undefined ? "of unknown version" : formatVersion(outcome.version)} cannot use its own federation flags)`
        : "an auth key made by nsc (--no-federation)";
  return (
    `Joined the tailnet as ${report.hostname} with spec "${outcome.spec_name}" ` +
    `(tags ${report.tags.join(", ")}; MagicDNS ${report.magic_dns ? "on" : "off"}) using ${how}.\n`
  );
}

/** `nsc tailscale up`: joins this Linux workload to the tailnet with its instance's Tailscale spec. */
export function tailscaleCommand(context: CommandContext): Command {
  const tailscale = new Command("tailscale").description("join this workload to the tailnet");
  withUpOptions(
    tailscale
      .command("up")
      .description("join the tailnet with this instance's Tailscale spec (Linux workloads)"),
  ).action((flags: UpFlags) => runUpCommand(context, flags));
  return tailscale;
}

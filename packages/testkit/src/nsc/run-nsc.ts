import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inProcessRunner, main, type InProcessProgram, type NscIo, type Transport } from "@nsc/cli";
import { TAILSCALE_BIN } from "../standin/bin-paths.js";
import { tailscaleStandin } from "../standin/standin-program.js";

/** What one in-process `nsc` run printed, and its exit code. */
export interface NscRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The outside world of one in-process `nsc` run; everything has a hermetic default. */
export interface RunNscOptions {
  /**
   * The run's whole environment; nothing is inherited from the test process. Without `HOME` (and without
   * `NSC_CONFIG_DIR` or `XDG_CONFIG_HOME`) the saved login lives in a fresh private folder, never in the
   * real home directory.
   */
  readonly env?: NodeJS.ProcessEnv;
  /** Standard input, for `nsc login --token -`. */
  readonly stdin?: string;
  /**
   * Every HTTP request of the run (default: the CLI's own `node:http` transport, e.g. to an in-process
   * server's socket).
   */
  readonly transport?: Transport;
  /**
   * The programs `nsc` may run, by the name or path `--tailscale-bin` gives (default: the stand-in
   * `tailscale` under `tailscale` and under `TAILSCALE_BIN`); any other program is not found.
   */
  readonly programs?: Readonly<Record<string, InProcessProgram>>;
  /** Default `linux`, where the agent commands run. */
  readonly platform?: NodeJS.Platform;
  /** Where secret files are made (default: the OS temporary folder). */
  readonly tempDir?: string;
  /** Called for every retry wait (default: returns at once, so retries cost no time). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock of relative times in output (default: the wall clock). */
  readonly now?: () => number;
}

/** The programs of {@link RunNscOptions.programs} by default: the stand-in `tailscale`. */
export function defaultPrograms(): Readonly<Record<string, InProcessProgram>> {
  const standin = tailscaleStandin();
  return { tailscale: standin, [TAILSCALE_BIN]: standin };
}

/**
 * Runs `nsc` in this process — the very `main` the `nsc` binary runs — with `argv` (without the program
 * name) and returns its exit code and output. Use it for every behavioural CLI test; keep real processes
 * (`runNode(NSC_BIN, …)`) for what only a process shows: the binary itself, argv, exit status, file modes.
 *
 * @example
 * const run = await runNsc(["integrations", "tailscale", "list", "-o", "json"], {
 *   env: { NSC_ENDPOINT: server.url, NSC_TOKEN: server.adminToken },
 * });
 * assert.equal(run.code, 0, run.stderr);
 */
export async function runNsc(argv: readonly string[], options: RunNscOptions = {}): Promise<NscRun> {
  const env: NodeJS.ProcessEnv = { ...options.env };
  if (env.HOME === undefined && env.NSC_CONFIG_DIR === undefined && env.XDG_CONFIG_HOME === undefined) {
    env.HOME = mkdtempSync(join(tmpdir(), "nsc-home-"));
  }
  let stdout = "";
  let stderr = "";
  const io: NscIo = {
    stdout: {
      write: (text: string) => {
        stdout += text;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
      },
    },
    readStdin: () => Promise.resolve(options.stdin ?? ""),
    ...(options.transport === undefined ? {} : { transport: options.transport }),
    runProgram: inProcessRunner(options.programs ?? defaultPrograms()),
    platform: options.platform ?? "linux",
    tempDir: options.tempDir ?? tmpdir(),
    sleep: options.sleep ?? (() => Promise.resolve()),
    now: options.now ?? (() => Date.now()),
  };
  const code = await main(argv, io, env);
  return { code, stdout, stderr };
}

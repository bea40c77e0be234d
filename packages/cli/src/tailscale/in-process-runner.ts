import type { ProgramResult, RunProgram } from "./run-program.js";

/** What a program run in this process gets: its environment and where to print. */
export interface InProcessProgramIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** A program that runs as a function: argv (without the program name) in, exit code out. */
export type InProcessProgram = (args: readonly string[], io: InProcessProgramIo) => Promise<number>;

/**
 * A {@link RunProgram} that runs programs as functions in this process instead of spawning them. `programs`
 * maps what `--tailscale-bin` names (a bare name such as `tailscale`, or a path) to the function; any other
 * program is `not_found`, as a missing executable is. A run longer than `timeoutMs` is reported as
 * `timed_out` (the function cannot be killed; it is left to finish on its own).
 *
 * @example
 * const run = inProcessRunner({ tailscale: (args, io) => runTailscale(args, standinIo(io)) });
 */
export function inProcessRunner(programs: Readonly<Record<string, InProcessProgram>>): RunProgram {
  return async (program, args, options) => {
    const run = Object.hasOwn(programs, program) ? programs[program] : undefined;
    if (run === undefined) return { kind: "not_found" };
    let stdout = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<ProgramResult>((resolve) => {
      timer = setTimeout(() => {
        resolve({ kind: "timed_out", stdout, stderr });
      }, options.timeoutMs);
      timer.unref();
    });
    const ran = (async (): Promise<ProgramResult> => {
      try {
        const code = await run([...args], {
          env: options.env,
          stdout: (text) => {
            stdout += text;
          },
          stderr: (text) => {
            stderr += text;
          },
        });
        return { kind: "exited", code, stdout, stderr };
      } catch (error) {
        return { kind: "failed_to_start", message: error instanceof Error ? error.message : String(error) };
      }
    })();
    try {
      return await Promise.race([ran, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
}

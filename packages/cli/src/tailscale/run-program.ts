import { spawn } from "node:child_process";

/** How a program run ended. */
export type ProgramResult =
  | { readonly kind: "exited"; readonly code: number; readonly stdout: string; readonly stderr: string }
  | { readonly kind: "not_found" }
  | { readonly kind: "timed_out"; readonly stdout: string; readonly stderr: string }
  | { readonly kind: "failed_to_start"; readonly message: string };

/** Runs a program with an argv array: {@link runProgram} in the binary, `inProcessRunner` in an in-process run. */
export type RunProgram = (
  program: string,
  args: readonly string[],
  options: { readonly env: NodeJS.ProcessEnv; readonly timeoutMs: number },
) => Promise<ProgramResult>;

/**
 * Runs `program` with `args` as an argv array — never through a shell — with standard input closed, and
 * collects its output. A run longer than `timeoutMs` is killed and reported as `timed_out`.
 */
export const runProgram: RunProgram = (program, args, options) =>
  new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    let settled = false;
    const settle = (result: ProgramResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const child = spawn(program, [...args], {
      env: options.env,
      shell: false,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle({ kind: "timed_out", stdout, stderr });
    }, options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", (error: NodeJS.ErrnoException) => {
      settle(
        error.code === "ENOENT" || error.code === "EACCES"
          ? { kind: "not_found" }
          : { kind: "failed_to_start", message: error.message },
      );
    });
    child.once("close", (code, signal) => {
      settle({ kind: "exited", code: code ?? (signal === null ? 1 : 128), stdout, stderr });
    });
  });

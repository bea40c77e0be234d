import { run } from "../commands/main.js";

/**
 * Runs `nsc-server` with `args` in the test's process, as `runServerCommand` runs the binary: the same
 * `run` the binary calls, with `env` as its whole environment (nothing of the test process's) and its
 * output captured. It starts no process, so it cannot run `serve`; use `startServing` for that.
 *
 * @example
 * const listed = await runServerInProcess(["keys", "list", "--data-dir", dir], KEK);
 */
export async function runServerInProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ readonly status: number; readonly stdout: string; readonly stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await run(args, {
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
    env: { ...env },
  });
  return { status, stdout, stderr };
}

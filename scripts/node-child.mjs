// Runs a Node.js script as a child process of the build and check scripts.
import { spawn } from "node:child_process";

/** Children started by {@link runNode} that have not ended, so a signal can be passed on to them. */
export const running = new Set();

/**
 * Runs `args` (a script and its arguments) with this process's node in `cwd`. With `capture` its output is
 * kept and resolved; otherwise it writes straight to this process's output. Resolves whether it exited 0.
 */
export function runNode(args, { cwd, capture = false }) {
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: capture ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  running.add(child);
  let output = "";
  if (capture) {
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
  }
  return new Promise((resolve) => {
    child.once("error", (error) => {
      running.delete(child);
      resolve({ ok: false, output: `${args.join(" ")} did not start: ${error.message}` });
    });
    child.once("close", (code, signal) => {
      running.delete(child);
      const ok = code === 0 && signal === null;
      const failure = ok || capture ? "" : `${args.join(" ")} failed (${signal ?? `exit ${String(code)}`})`;
      resolve({ ok, output: capture ? output.trimEnd() : failure });
    });
  });
}

import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** A server the bench started in its own process. */
export interface BenchProcess {
  readonly url: string;
  readonly pid: number;
  /** Resident set size now, in MiB (from /proc). */
  rssMiB(): number;
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` and waits until its stderr or stdout shows `pattern` (whose first group is the
 * URL). Output after that is read and dropped, as a log shipper would.
 */
export async function startProcess(args: readonly string[], pattern: RegExp): Promise<BenchProcess> {
  const child: ChildProcess = spawn(process.execPath, [...args], { stdio: ["ignore", "pipe", "pipe"] });
  let seen = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      seen += d.toString();
      const match = pattern.exec(seen);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stderr?.on("data", onData);
    child.stdout?.on("data", onData);
    child.once("exit", (code) => {
      reject(new Error(`${args.join(" ")} exited with ${String(code)}: ${seen}`));
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    rssMiB: () => {
      const status = readFileSync(`/proc/${String(child.pid)}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? "0");
      return kb / 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once("exit", () => {
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

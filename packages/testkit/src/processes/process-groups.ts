import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/**
 * The mark `scripts/run-tests.mjs` gives each test file's process. A helper keeps it whatever environment
 * its test built, so one that outlives its file is still found, reported and fails that file.
 */
export const TEST_RUN_MARK = "NSC_TEST_RUN";

/** `env` (default: this process's) with this process's {@link TEST_RUN_MARK}, when it has one. */
export function withTestRunMark(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const mark = process.env[TEST_RUN_MARK];
  return mark === undefined ? env : { ...env, [TEST_RUN_MARK]: mark };
}

/** Process groups started by this process and not yet ended. */
const live = new Set<number>();
let installed = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Kills every group still alive; runs on exit and on SIGINT/SIGTERM of the test process. */
function killAll(): void {
  for (const pgid of live) killGroup(pgid, "SIGKILL");
  live.clear();
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.once("exit", killAll);
  for (const [signal, number] of [
    ["SIGINT", 2],
    ["SIGTERM", 15],
  ] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + number);
    });
  }
}

/**
 * Spawns a test's helper process as the leader of its own process group, so it and everything it starts
 * (`nsc` → `tailscale`) can be killed together. The group is killed when the leader exits (nothing it
 * started may outlive it), when the test process exits however it ends, and on SIGINT/SIGTERM of the test
 * process (a cancelled run). Kill it earlier with {@link killProcessGroup}. Its environment keeps the test
 * runner's mark ({@link withTestRunMark}).
 *
 * @example
 * const child = spawnInGroup(process.execPath, [NSC_SERVER_BIN], { stdio: ["ignore", "pipe", "pipe"] });
 */
export function spawnInGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  installHandlers();
  const child = spawn(command, [...args], { ...options, env: withTestRunMark(options.env), detached: true });
  const pgid = child.pid;
  if (pgid !== undefined) {
    live.add(pgid);
    child.once("exit", () => {
      killGroup(pgid, "SIGKILL");
      live.delete(pgid);
    });
  }
  return child;
}

/** Sends `signal` to the whole process group of a child started with {@link spawnInGroup}. */
export function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    killGroup(child.pid, signal);
  }
}

import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Medians, in milliseconds, of CLI runs. */
export interface CliTimings {
  readonly runs: number;
  readonly nodeFloor: number;
  readonly help: number;
  readonly list: number;
  /** `nsc tailscale up`: process start to the exec of `tailscale up`. */
  readonly upToExec: number;
  /** `nsc tailscale up`: the stub `tailscale` exiting to `nsc` exiting. */
  readonly exitToExit: number;
}

const now = (): number => performance.timeOrigin + performance.now();

/** Runs a command to its end; returns when it started and ended (epoch ms, sub-millisecond). */
function timed(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ started: number; ended: number; code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = now();
    const child = spawn(process.execPath, [...argv], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      resolve({ started, ended: now(), code: code ?? 1, stderr });
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/**
 * Times the `nsc` binary (the bundle `npm run build` makes), each command `runs` times, interleaved, beside
 * `node -e 0`: `--help`, `integrations tailscale list` against the server, and `tailscale up` with a stub
 * `tailscale` (a shell script that stamps the time it is exec'd and the time it exits).
 */
export async function measureCli(options: {
  readonly nscBin: string;
  readonly endpoint: string;
  readonly adminToken: string;
  readonly workloadToken: string;
  readonly runs: number;
}): Promise<CliTimings> {
  const dir = mkdtempSync(join(tmpdir(), "nsc-bench-cli-"));
  try {
    const stub = join(dir, "tailscale");
    const stamps = join(dir, "stamps");
    // `date +%s%N` is the wall clock in nanoseconds, like the bench's performance.timeOrigin + now().
    writeFileSync(
      stub,
      [
        "#!/bin/sh",
        'if [ "$1" = version ]; then echo 1.92.3; echo "  tailscale commit: bench"; exit 0; fi',
        `echo "exec $(date +%s%N)" >> ${stamps}`,
        `echo "exit $(date +%s%N)" >> ${stamps}`,
        "exit 0",
        "",
      ].join("\n"),
    );
    chmodSync(stub, 0o755);
    const tokenFile = join(dir, "token.json");
    writeFileSync(
      tokenFile,
      JSON.stringify({ bearer_token: options.workloadToken, endpoint: options.endpoint }),
      {
        mode: 0o600,
      },
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: dir,
      NSC_ENDPOINT: options.endpoint,
      NSC_TOKEN: options.adminToken,
      NSC_TOKEN_FILE: tokenFile,
      NSC_METADATA_DIR: join(dir, "no-metadata"),
    };
    const floor: number[] = [];
    const help: number[] = [];
    const list: number[] = [];
    const toExec: number[] = [];
    const exitToExit: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const n = await timed(["-e", "0"], env);
      floor.push(n.ended - n.started);
      const h = await timed([options.nscBin, "--help"], env);
      if (h.code !== 0) throw new Error(`nsc --help failed: ${h.stderr}`);
      help.push(h.ended - h.started);
      const l = await timed([options.nscBin, "integrations", "tailscale", "list"], env);
      if (l.code !== 0) throw new Error(`nsc integrations tailscale list failed: ${l.stderr}`);
      list.push(l.ended - l.started);
      rmSync(stamps, { force: true });
      const u = await timed([options.nscBin, "tailscale", "up", "--tailscale-bin", stub], env);
      if (u.code !== 0) throw new Error(`nsc tailscale up failed: ${u.stderr}`);
      const lines = readFileSync(stamps, "utf8").trim().split("\n");
      const stamp = (what: string): number =>
        Number(BigInt(lines.find((line) => line.startsWith(what))?.split(" ")[1] ?? "0") / 1000n) / 1000;
      toExec.push(stamp("exec") - u.started);
      exitToExit.push(u.ended - stamp("exit"));
    }
    return {
      runs: options.runs,
      nodeFloor: median(floor),
      help: median(help),
      list: median(list),
      upToExec: median(toExec),
      exitToExit: median(exitToExit),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import type { Transport } from "../http/transport.js";
import type { RunProgram } from "../tailscale/run-program.js";

/** Where a command's text goes: `process.stdout` in the real binary, a buffer in an in-process run. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Everything `nsc` touches outside its arguments and environment. The real binary passes
 * {@link processIo}; an in-process run (the testkit's `runNsc`) passes buffers, maybe its own transport, an
 * in-process `tailscale`, a private temporary folder and a sleep that does not wait. File-system roots
 * other than the temporary folder come from the environment: `NSC_CONFIG_DIR` / `XDG_CONFIG_HOME` /
 * `HOME` for the saved login, `NSC_TOKEN_FILE` and `NSC_METADATA_DIR` for the workload credential.
 */
export interface NscIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** All of standard input, for `--token -`. */
  readonly readStdin: () => Promise<string>;
  /**
   * Every HTTP request to the nsc server and to Tailscale goes through it. Absent in the real binary and
   * by default in-process: then the `node:http(s)` transport is made from the environment's network
   * settings (`NSC_TIMEOUT`, `NSC_CONNECT_TIMEOUT`, `HTTPS_PROXY`, `NO_PROXY`, `NSC_CA_FILE`, `--ca-file`).
   */
  readonly transport?: Transport;
  /** Runs `tailscale` (and only it) with an argv array. */
  readonly runProgram: RunProgram;
  readonly platform: NodeJS.Platform;
  /** Where private folders for secret files are made. */
  readonly tempDir: string;
  /** Waits between retries. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch, for relative times in output and `--since`. */
  readonly now: () => number;
}

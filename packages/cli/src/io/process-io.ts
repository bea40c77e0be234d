import { tmpdir } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { runProgram } from "../tailscale/run-program.js";
import type { NscIo } from "./nsc-io.js";

/** The {@link NscIo} of the `nsc` process: its standard streams, real processes and clock (requests go through the `node:http` transport). */
export function processIo(): NscIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    runProgram,
    platform: process.platform,
    tempDir: tmpdir(),
    sleep: async (ms) => {
      await delay(ms);
    },
    now: () => Date.now(),
  };
}

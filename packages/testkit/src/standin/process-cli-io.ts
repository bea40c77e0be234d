import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import type { CliIo } from "./cli-io.js";

/** The {@link CliIo} of a real process: its environment, stdout/stderr, the OS hostname and the wall clock. */
export function processCliIo(): CliIo {
  return {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    osHostname: hostname(),
    sleep: (ms) => delay(ms),
    now: () => Date.now(),
  };
}

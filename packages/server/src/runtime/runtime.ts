import type { RandomBytes } from "@nsc/core";
import { createLogger, type Logger } from "../log/logger.js";
import { pooledRandomBytes } from "./pooled-random-bytes.js";

/** Milliseconds since the epoch; injected so expiry and rotation are tested without sleeping. */
export interface Clock {
  now(): number;
}

/** The process's side effects, injected everywhere: time, randomness and logging. */
export interface Runtime {
  readonly clock: Clock;
  readonly randomBytes: RandomBytes;
  readonly logger: Logger;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The runtime of a real process: wall clock, the OS's CSPRNG, JSON logs on stderr. */
export function systemRuntime(logger: Logger = createLogger()): Runtime {
  return { clock: systemClock, randomBytes: pooledRandomBytes(), logger };
}

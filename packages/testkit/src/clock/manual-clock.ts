import type { Clock } from "./clock.js";

/** A {@link Clock} that only moves when told to. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to `ms` milliseconds since the epoch. */
  set(ms: number): void;
}

/**
 * Creates a {@link ManualClock} starting at `startMs` (default: the wall clock now).
 *
 * @example
 * const clock = createManualClock();
 * clock.advance(61 * 60 * 1000); // access tokens are now expired
 */
export function createManualClock(startMs: number = Date.now()): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}

import { setImmediate as yieldToEventLoop } from "node:timers/promises";

/** A clock and a sleep that never wait: sleeping moves the clock by the time slept. */
export interface VirtualTime {
  readonly now: () => number;
  /** Moves the clock by `ms` and yields to the event loop once, so other work (a server answering) runs. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Every sleep so far, in milliseconds. */
  readonly slept: () => readonly number[];
}

/**
 * Creates {@link VirtualTime} starting at `startMs` (default: the wall clock now). Polling loops and
 * timeouts driven by it behave the same however fast the machine is: a `--timeout=300ms` wait ends after
 * exactly three 100 ms polls.
 *
 * @example
 * const time = createVirtualTime();
 * await time.sleep(500);
 * time.slept(); // [500]
 */
export function createVirtualTime(startMs: number = Date.now()): VirtualTime {
  let current = startMs;
  const slept: number[] = [];
  return {
    now: () => current,
    sleep: async (ms) => {
      slept.push(ms);
      current += ms;
      await yieldToEventLoop();
    },
    slept: () => [...slept],
  };
}

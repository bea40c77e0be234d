/**
 * A source of the current time, injected wherever expiry matters so tests move time instead of sleeping.
 *
 * @example
 * const clock = createManualClock(Date.parse("2025-01-01T00:00:00Z"));
 * clock.advance(3_600_000);
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

import { NscError } from "../errors/nsc-error.js";

/** Shortest ID token lifetime that can be asked for, in seconds. */
export const MIN_ID_TOKEN_LIFETIME_SECS = 60;
/** Lifetime of an ID token when the caller does not ask for one: long enough for a join, short when leaked. */
export const DEFAULT_ID_TOKEN_LIFETIME_SECS = 600;
/** Longest ID token lifetime unless the server is configured otherwise. */
export const MAX_ID_TOKEN_LIFETIME_SECS = 3600;

/** The server's lifetime bounds for {@link parseDurationSecs}. */
export interface DurationBounds {
  /** Used when no duration, or 0, is asked for. */
  readonly default: number;
  /** The longest lifetime allowed. */
  readonly max: number;
}

/**
 * Parses a requested ID token lifetime in seconds. Absent or `0` means the default; otherwise
 * a whole number from 60 to `bounds.max`.
 *
 * @example
 * parseDurationSecs(undefined, { default: 600, max: 3600 }) // 600
 * parseDurationSecs(900, { default: 600, max: 3600 }) // 900
 * parseDurationSecs(7200, { default: 600, max: 3600 }) // throws NscError invalid_duration
 *
 * @throws NscError `invalid_duration`.
 */
export function parseDurationSecs(value: unknown, bounds: DurationBounds, field = "duration_secs"): number {
  if (value === undefined || value === 0) return bounds.default;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new NscError(
      "invalid_duration",
      `${field} must be a whole number of seconds (from ${MIN_ID_TOKEN_LIFETIME_SECS} to ${bounds.max}, or 0 for the default of ${bounds.default})`,
      { field },
    );
  }
  if (value > bounds.max) {
    throw new NscError(
      "invalid_duration",
      `${field} ${value} is longer than this server allows: the maximum is ${bounds.max} seconds; ask for less, or omit it for the default of ${bounds.default}`,
      { field },
    );
  }
  if (value < MIN_ID_TOKEN_LIFETIME_SECS) {
    throw new NscError(
      "invalid_duration",
      `${field} ${value} is too short: the minimum is ${MIN_ID_TOKEN_LIFETIME_SECS} seconds (0 or omitted means the default of ${bounds.default})`,
      { field },
    );
  }
  return value;
}

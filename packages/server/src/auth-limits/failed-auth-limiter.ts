import { NscError } from "@nsc/core";
import type { Clock } from "../runtime/runtime.js";
import type { Logger } from "../log/logger.js";
import { failedAuthCounters } from "./failed-auth-counters.js";

/** How failed authentication is limited, per source address. */
export interface FailedAuthLimits {
  /** Failures a source may have in one window before it is refused. */
  readonly maxFailures: number;
  /** Length of a window, and so the longest a source waits, in milliseconds. */
  readonly windowMs: number;
  /** Most sources tracked at once; the oldest windows are dropped first. */
  readonly maxSources: number;
}

export const DEFAULT_FAILED_AUTH_LIMITS: FailedAuthLimits = {
  maxFailures: 100,
  windowMs: 60_000,
  maxSources: 10_000,
};

/** A 429 `too_many_failed_attempts`, with the seconds to send as `Retry-After`. */
export class TooManyFailedAttempts extends NscError {
  readonly retryAfterSecs: number;

  constructor(retryAfterSecs: number) {
    super(
      "too_many_failed_attempts",
      `too many requests with a missing or invalid token came from this address: wait ${retryAfterSecs} s, and check the token (\`nsc login\`)`,
    );
    this.retryAfterSecs = retryAfterSecs;
  }
}

interface Window {
  readonly start: number;
  failures: number;
}

/**
 * Limits failed authentication per source: a source with `maxFailures` failed requests in a window is
 * refused (429 `too_many_failed_attempts` with `Retry-After`) on every credentialed request until the window
 * ends, valid credential or not, so guessing gains nothing. Failures are logged in aggregate, at most one
 * line a window, instead of one line each.
 */
export class FailedAuthLimiter {
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #limits: FailedAuthLimits;
  readonly #windows = new Map<string, Window>();
  #unlogged = { failures: 0, limited: 0, sources: new Map<string, number>() };
  #lastLogAt = Number.NEGATIVE_INFINITY;

  constructor(clock: Clock, logger: Logger, limits: FailedAuthLimits = DEFAULT_FAILED_AUTH_LIMITS) {
    this.#clock = clock;
    this.#logger = logger;
    this.#limits = limits;
  }

  /** @throws NscError `too_many_failed_attempts` when `source` is over the limit. */
  check(source: string): void {
    const now = this.#clock.now();
    const window = this.#current(source, now);
    if (window === undefined || window.failures < this.#limits.maxFailures) return;
    failedAuthCounters.limited++;
    this.#unlogged.limited++;
    this.#maybeLog(now);
    const retryAfterSecs = Math.max(1, Math.ceil((window.start + this.#limits.windowMs - now) / 1000));
    throw new TooManyFailedAttempts(retryAfterSecs);
  }

  /** Counts a failed authentication from `source`. */
  fail(source: string): void {
    const now = this.#clock.now();
    let window = this.#current(source, now);
    if (window === undefined) {
      if (this.#windows.size >= this.#limits.maxSources) {
        const oldest = this.#windows.keys().next().value;
        if (oldest !== undefined) this.#windows.delete(oldest);
      }
      window = { start: now, failures: 0 };
      this.#windows.set(source, window);
    }
    window.failures++;
    failedAuthCounters.failures++;
    this.#unlogged.failures++;
    this.#unlogged.sources.set(source, (this.#unlogged.sources.get(source) ?? 0) + 1);
    this.#maybeLog(now);
  }

  #current(source: string, now: number): Window | undefined {
    const window = this.#windows.get(source);
    if (window === undefined) return undefined;
    if (now - window.start < this.#limits.windowMs) return window;
    this.#windows.delete(source);
    return undefined;
  }

  #maybeLog(now: number): void {
    if (now - this.#lastLogAt < this.#limits.windowMs) return;
    const { failures, limited, sources } = this.#unlogged;
    const [top, topCount] = [...sources].reduce<[string, number]>(
      (best, entry) => (entry[1] > best[1] ? entry : best),
      ["", 0],
    );
    this.#logger.warn("failed authentication", {
      failures,
      limited,
      sources: sources.size,
      top_source: top,
      top_source_failures: topCount,
      since_ms: Number.isFinite(this.#lastLogAt) ? now - this.#lastLogAt : 0,
    });
    this.#lastLogAt = now;
    this.#unlogged = { failures: 0, limited: 0, sources: new Map() };
  }
}

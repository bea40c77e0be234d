import type { NscError } from "@nsc/core/errors/nsc-error.js";

/**
 * How often and how patiently a transient failure is retried: at most `attempts` tries in all, waiting a
 * random time between 0 and `min(maxDelayMs, baseDelayMs * 2^n)` before retry `n + 1` ("full jitter").
 */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Waits; injected so tests run without sleeping. */
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1); injected so tests are deterministic. */
  readonly random: () => number;
  /** The time in epoch ms, for deadlines; `Date.now` when absent. */
  readonly now?: () => number;
  /** Told before each wait, so the user sees what is retried and for how long. */
  readonly onRetry?: (retry: RetryNotice) => void;
}

/** What is about to be retried, after how long, and how much time the call has left. */
export interface RetryNotice {
  readonly what: string;
  readonly error: NscError;
  readonly delayMs: number;
  /** The number of the try about to be made, from 2. */
  readonly nextTry: number;
  readonly attempts: number;
  /** Time left before the call's deadline; `Infinity` without one. */
  readonly deadlineInMs: number;
}

/**
 * The retry notice as one stderr line: `nsc: retrying POST …/v1/workload/tailscale/join in 1.2 s (try 2 of 5,
 * giving up within 28 s): cannot reach …`.
 */
export function formatRetryNotice(notice: RetryNotice): string {
  const left = Number.isFinite(notice.deadlineInMs)
    ? `, giving up within ${Math.ceil(notice.deadlineInMs / 1000)} s`
    : "";
  return `nsc: retrying ${notice.what} in ${(notice.delayMs / 1000).toFixed(1)} s (try ${notice.nextTry} of ${notice.attempts}${left}): ${notice.error.message} [${notice.error.code}]\n`;
}

/** The policy of `nsc tailscale up`: 5 tries, 0.5 s base, waits capped at 8 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms);
    }),
  random: Math.random,
};

/**
 * The wait before retry number `retry` (0 for the first retry): uniformly random in
 * `[0, min(maxDelayMs, baseDelayMs * 2^retry))`.
 *
 * @example
 * backoffDelayMs({ ...DEFAULT_RETRY_POLICY, random: () => 0.5 }, 2) // 1000 (half of 0.5 s * 4)
 */
export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

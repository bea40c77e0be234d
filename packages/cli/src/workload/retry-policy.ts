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

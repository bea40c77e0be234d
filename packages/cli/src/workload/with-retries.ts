import type { NscError } from "@nsc/core/errors/nsc-error.js";
import { backoffDelayMs, type RetryPolicy } from "./retry-policy.js";

/** What one try came to: a value, or a failure worth another try. Failures that are not are thrown. */
export type Attempt<T> =
  { readonly kind: "done"; readonly value: T } | { readonly kind: "transient"; readonly error: NscError };

/**
 * Runs `attempt` until it is done, retrying transient failures with exponential backoff and full jitter
 * (see {@link RetryPolicy}). Anything `attempt` throws ends at once: only what it reports as transient
 * (a network error, an HTTP 5xx) is tried again. When the tries run out, the last transient error is thrown.
 *
 * @example
 * const body = await withRetries(policy, async () => {
 *   const response = await fetch(url);
 *   if (response.status >= 500) return { kind: "transient", error: new NscError("tailscale_failed", "…") };
 *   return { kind: "done", value: await response.json() };
 * });
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (index: number, remainingMs: number) => Promise<Attempt<T>>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, policy.attempts);
  const now = policy.now ?? Date.now;
  const deadlineAt = options.deadlineAt ?? Number.POSITIVE_INFINITY;
  for (let index = 0; ; index++) {
    const outcome = await attempt(index, deadlineAt - now());
    if (outcome.kind === "done") return outcome.value;
    if (index + 1 >= attempts) throw outcome.error;
    const delayMs = backoffDelayMs(policy, index);
    // No retry that could not finish before the deadline: the call fails within its stated timeout.
    if (now() + delayMs >= deadlineAt) throw outcome.error;
    policy.onRetry?.({
      what: options.what ?? "the request",
      error: outcome.error,
      delayMs,
      nextTry: index + 2,
      attempts,
      deadlineInMs: deadlineAt - now(),
    });
    await policy.sleep(delayMs);
  }
}

/** What a retried call is, for the retry notice, and when it must be over. */
export interface RetryOptions {
  /** Names the call in the retry notice: `POST https://nsc.example.com/v1/workload/tailscale/join`. */
  readonly what?: string;
  /** Epoch ms after which no further try starts (the call's total timeout). */
  readonly deadlineAt?: number;
}

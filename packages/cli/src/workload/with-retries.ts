import type { NscError } from "@nsc/core";
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
  attempt: (index: number) => Promise<Attempt<T>>,
): Promise<T> {
  const attempts = Math.max(1, policy.attempts);
  for (let index = 0; ; index++) {
    const outcome = await attempt(index);
    if (outcome.kind === "done") return outcome.value;
    if (index + 1 >= attempts) throw outcome.error;
    await policy.sleep(backoffDelayMs(policy, index));
  }
}

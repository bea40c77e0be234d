/**
 * Process-wide counts of failed authentication, for the metrics endpoint to read: every answered 401,
 * and every request refused with 429 because its source failed too often.
 */
export interface FailedAuthCounters {
  /** Requests whose credential was missing, unknown, revoked or expired. */
  failures: number;
  /** Requests refused because their source was over the failure limit. */
  limited: number;
}

/** The live counters; only {@link FailedAuthLimiter} writes them. */
export const failedAuthCounters: FailedAuthCounters = { failures: 0, limited: 0 };

/** How long one call to the nsc server may take before the CLI gives up. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Says in a few words why `fetch` failed: a timeout, or the socket error's code (`ECONNREFUSED`). */
export function describeFetchFailure(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      return typeof code === "string" ? code : cause.message;
    }
    return error.message;
  }
  return "unknown error";
}

/** Node socket errors and PostgreSQL error classes that mean "the database cannot be reached right now". */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "SQLITE_BUSY",
]);
/** PostgreSQL SQLSTATE classes 08 (connection exception) and 57 (operator intervention: shutdown). */
const UNREACHABLE_SQLSTATE = /^(08|57P0)/u;

/**
 * True for PostgreSQL's `serialization_failure` and `deadlock_detected`: two transactions collided and one
 * was rolled back. Nothing of it was written; the client may retry.
 */
export function isSerializationFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === "40001" || code === "40P01";
}

/**
 * True when an error from a query means the database is unreachable or shutting down, rather than a bug:
 * the API answers those with 503 `database_unavailable`, which clients may retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || UNREACHABLE_SQLSTATE.test(code)))
    return true;
  return /Connection terminated|timeout exceeded when trying to connect/u.test(error.message);
}

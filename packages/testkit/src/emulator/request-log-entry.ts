/** One request the emulator answered, with secrets redacted. */
export interface RequestLogEntry {
  /** RFC 3339. */
  readonly at: string;
  readonly method: string;
  /** Path and query exactly as received (`//api/v2/…` stays as it came). */
  readonly path: string;
  /**
   * Request headers, lower-case names. `authorization` keeps its scheme; the credentials are replaced by
   * `[redacted]`, except the empty Basic credentials `Og==`, which are kept so a test can tell the two
   * token-exchange attempts apart.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** Request body with `jwt`, `authKey` and `nodeSecret` values redacted. */
  readonly body: string;
  readonly status: number;
}

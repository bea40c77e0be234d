/** An API access token handed out by a successful token exchange. */
export interface AccessToken {
  readonly token: string;
  /** The trust credential it was exchanged under. */
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** A single-use device auth key. */
export interface AuthKey {
  readonly id: string;
  /** The secret, `tskey-auth-…`. */
  readonly key: string;
  /** The trust credential whose access token created it. */
  readonly clientId: string;
  readonly ephemeral: boolean;
  readonly preauthorized: boolean;
  readonly reusable: boolean;
  readonly tags: readonly string[];
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The device that used it, once used. */
  usedBy: string | undefined;
}

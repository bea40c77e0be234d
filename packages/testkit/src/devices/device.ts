/** A node registered with the emulator. */
export interface Device {
  /** Numeric-looking legacy ID, as in the real API. */
  readonly id: string;
  /** Stable node ID (`n…CNTRL`); the node proves it with {@link Device.nodeSecret} on logout. */
  readonly nodeId: string;
  readonly nodeSecret: string;
  readonly hostname: string;
  /** MagicDNS name, `<hostname>.<tailnet-dns-suffix>`, de-duplicated with `-1`, `-2`… */
  readonly name: string;
  readonly tags: readonly string[];
  readonly ephemeral: boolean;
  authorized: boolean;
  online: boolean;
  readonly address: string;
  readonly clientVersion: string;
  readonly os: string;
  readonly acceptDns: boolean;
  readonly advertisedTags: readonly string[];
  readonly authKeyId: string;
  readonly credentialClientId: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds. */
  lastSeenAt: number;
}

/** A Tailscale client version, `major.minor.patch`. */
export interface ClientVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/**
 * The first client whose `tailscale up --client-id=… --id-token=…` works as documented: 1.90.0 added the
 * flags, but up to 1.90.3 sent the whole `id?preauthorized=…` string as the client ID.
 */
export const FEDERATED_UP_MIN_VERSION: ClientVersion = { major: 1, minor: 90, patch: 4 };

/** How a join gets its auth key: the client's own federation flags, or one made by nsc beforehand. */
export type JoinPath = "federated" | "auth_key";

/**
 * Reads the version from the first line of `tailscale version` (`1.92.3`, or a longer form such as
 * `1.92.3-t0123abc`); undefined when the line does not start with one.
 *
 * @example
 * parseClientVersion("1.90.4\n  tailscale commit: …") // { major: 1, minor: 90, patch: 4 }
 */
export function parseClientVersion(output: string): ClientVersion | undefined {
  const first = output.split("\n", 1)[0]?.trim() ?? "";
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:$|[-+\s])/u.exec(first);
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`. */
export function compareVersions(a: ClientVersion, b: ClientVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** `1.90.4`. */
export function formatVersion(version: ClientVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

/**
 * Unstable builds with the client-ID bug: 1.91.x numbers its patch by commits since the branch point, and
 * the fix landed 18 commits after it (inferred), so 1.91.0–1.91.17 still send the whole `id?…` string.
 */
export const BUGGY_UNSTABLE = { minor: 91, lastPatch: 17 } as const;

/** Whether `version` sends the whole `--client-id` string, attributes included, as the client ID. */
export function sendsWholeClientId(version: ClientVersion): boolean {
  return (
    version.major === 1 && version.minor === BUGGY_UNSTABLE.minor && version.patch <= BUGGY_UNSTABLE.lastPatch
  );
}

/**
 * The join path for a client: federated from {@link FEDERATED_UP_MIN_VERSION} on, except unstable
 * 1.91.0–1.91.17 (see {@link sendsWholeClientId}); an auth key made by nsc for older or buggy clients, for
 * one whose version could not be read (every client knows `--auth-key`), and when federation is turned off
 * (`--no-federation`, for builds without identity federation).
 */
export function joinPathFor(version: ClientVersion | undefined, federation = true): JoinPath {
  if (!federation || version === undefined) return "auth_key";
  if (compareVersions(version, FEDERATED_UP_MIN_VERSION) < 0 || sendsWholeClientId(version))
    return "auth_key";
  return "federated";
}

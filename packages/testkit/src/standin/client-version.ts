/** The version the stand-in reports when `TESTKIT_TAILSCALE_VERSION` is unset. */
export const DEFAULT_CLIENT_VERSION = "1.92.3";

/** A parsed `major.minor.patch` client version. */
export interface ClientVersion {
  readonly text: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Parses `1.92.3` (a `-suffix` is ignored); throws on anything else. */
export function parseClientVersion(text: string): ClientVersion {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-.*)?$/.exec(text.trim());
  if (match === null) throw new Error(`invalid tailscale version ${JSON.stringify(text)}`);
  return { text: text.trim(), major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Whether `version` is at least `minimum` (`"1.90.0"`). */
export function versionAtLeast(version: ClientVersion, minimum: string): boolean {
  const other = parseClientVersion(minimum);
  if (version.major !== other.major) return version.major > other.major;
  if (version.minor !== other.minor) return version.minor > other.minor;
  return version.patch >= other.patch;
}

/** Whether `version` is on an unstable (odd-minor) track. */
export function isUnstable(version: ClientVersion): boolean {
  return version.minor % 2 === 1;
}

/**
 * Whether `version` sends the whole `--client-id` string, `?attributes` included, as `client_id`: stable
 * 1.90.0–1.90.3, and (inferred from the commit count of the fix) unstable 1.91.0–1.91.17.
 */
export function sendsWholeClientId(version: ClientVersion): boolean {
  if (version.major !== 1) return false;
  return (version.minor === 90 && version.patch <= 3) || (version.minor === 91 && version.patch <= 17);
}

/** Shortest accepted idle timeout: one minute. */
export const MIN_IDLE_TIMEOUT_SECS = 60;
/** Longest accepted idle timeout: seven days. */
export const MAX_IDLE_TIMEOUT_SECS = 7 * 24 * 60 * 60;

const DURATION = /^(?:([0-9]{1,6})h)?(?:([0-9]{1,6})m)?(?:([0-9]{1,8})s)?$/u;

/** A parsed idle timeout in seconds, or the reason the text is not one. */
export type IdleTimeoutResult =
  | { readonly kind: "seconds"; readonly seconds: number }
  | { readonly kind: "invalid"; readonly problem: string };

/**
 * Parses an idle timeout written as hours, minutes and seconds in that order, each optional but at least one
 * present, with lowercase units and no spaces: `30m`, `2h`, `1h30m`, `90s`. The total must be from one minute
 * to seven days.
 *
 * @example
 * parseIdleTimeout("1h30m") // { kind: "seconds", seconds: 5400 }
 */
export function parseIdleTimeout(text: string): IdleTimeoutResult {
  const match = DURATION.exec(text);
  if (text === "" || match === null) {
    return {
      kind: "invalid",
      problem: `invalid duration ${JSON.stringify(text)}: write hours, minutes and seconds like 30m, 2h or 1h30m`,
    };
  }
  const [, hours = "0", minutes = "0", seconds = "0"] = match;
  const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  if (total < MIN_IDLE_TIMEOUT_SECS || total > MAX_IDLE_TIMEOUT_SECS) {
    return {
      kind: "invalid",
      problem: `${JSON.stringify(text)} is out of range: use from 1m to 168h (7 days)`,
    };
  }
  return { kind: "seconds", seconds: total };
}

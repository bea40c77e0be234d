import { NscError } from "@nsc/core/errors/nsc-error.js";

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Parses a duration such as `90s`, `30m`, `12h`, `90d` or `1h30m` (or plain seconds) into seconds.
 *
 * @throws NscError `invalid_duration` naming the flag.
 */
export function parseDuration(value: string, flag: string): number {
  if (/^\d+$/u.test(value)) return Number(value);
  const parts = [...value.matchAll(/(\d+)([smhd])/gu)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) {
    throw new NscError(
      "invalid_duration",
      `invalid ${flag} ${JSON.stringify(value)}: use a duration such as 30m, 12h or 90d`,
    );
  }
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNIT_SECONDS[unit ?? "s"] ?? 1), 0);
}

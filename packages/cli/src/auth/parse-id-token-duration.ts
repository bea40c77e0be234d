import { NscError } from "@nsc/core/errors/nsc-error.js";

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 7 * 86_400,
  y: 365 * 86_400,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w|y)/gu;
const WHOLE = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w|y))+$/u;

/**
 * Parses `nsc auth issue-id-token --duration` as upstream does: a Go duration (`90s`, `1h30m`, `1.5h`) with
 * `d`, `w` and `y` besides, or `0` for the server's default. A bare number other than 0 has no unit and is
 * refused. Returns whole seconds (rounded up, so a short duration never becomes the default 0).
 *
 * @example
 * parseIdTokenDuration("1.5h") // 5400
 * parseIdTokenDuration("1w") // 604800
 *
 * @throws NscError `invalid_duration`.
 */
export function parseIdTokenDuration(value: string): number {
  if (value === "0") return 0;
  if (!WHOLE.test(value)) {
    const why = /^\d+(?:\.\d*)?$/u.test(value) ? "missing unit in duration" : "invalid duration";
    throw new NscError(
      "invalid_duration",
      `invalid --duration ${JSON.stringify(value)}: ${why}; use a duration such as 10m, 1.5h, 1d or 1w (0 for the server's default)`,
    );
  }
  let seconds = 0;
  for (const [, amount, unit] of value.matchAll(PART))
    seconds += Number(amount) * (UNIT_SECONDS[unit ?? "s"] ?? 1);
  return Math.ceil(seconds);
}

/**
 * Whether `value` is one of a closed list of strings, narrowing it to their union: for enum-like input
 * (a flag, an environment variable, a token header) checked once where it enters.
 *
 * @example
 * if (!isOneOf(ROLES, flags.role)) throw new NscError("invalid_role", "…");
 * flags.role // Role
 */
export function isOneOf<const T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

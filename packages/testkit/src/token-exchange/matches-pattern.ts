/**
 * Whether `value` matches a trust-credential pattern, where `*` matches any run of characters (including
 * none) and every other character matches itself. The whole value must match.
 *
 * @example
 * matchesPattern("ws-1/*", "ws-1/inst-9"); // true
 * matchesPattern("ws-1/*", "ws-2/inst-9"); // false
 */
export function matchesPattern(pattern: string, value: string): boolean {
  const parts = pattern.split("*");
  const first = parts[0] ?? "";
  if (parts.length === 1) return value === first;
  const last = parts[parts.length - 1] ?? "";
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let position = first.length;
  const end = value.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = value.indexOf(middle, position);
    if (found < 0 || found + middle.length > end) return false;
    position = found + middle.length;
  }
  return true;
}

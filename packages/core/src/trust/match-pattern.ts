/**
 * True when `value` matches `pattern` as a whole, where `*` matches any run of characters (including none)
 * and every other character matches only itself — the rule of Tailscale's trust-credential subjects.
 * Runs in time proportional to the product of the lengths at worst: no regular expression is built.
 *
 * @example
 * matchesPattern("repo:acme/*:ref:refs/heads/main", "repo:acme/app:ref:refs/heads/main") // true
 * matchesPattern("system:serviceaccount:ci:*", "system:serviceaccount:prod:runner") // false
 */
export function matchesPattern(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (v < value.length) {
    if (p < pattern.length && pattern[p] !== "*" && pattern[p] === value[v]) {
      p += 1;
      v += 1;
    } else if (p < pattern.length && pattern[p] === "*") {
      starAt = p;
      resumeAt = v;
      p += 1;
    } else if (starAt !== -1) {
      p = starAt + 1;
      resumeAt += 1;
      v = resumeAt;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p += 1;
  return p === pattern.length;
}

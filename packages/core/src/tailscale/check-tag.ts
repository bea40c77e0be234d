/**
 * Checks one ACL tag against Tailscale's grammar: `tag:` prefix, a non-empty name that starts with a
 * letter and continues with letters, digits and dashes. Returns `undefined` when the tag is valid, or the
 * reason Tailscale itself gives when it is not.
 *
 * @example
 * checkTag("tag:ci") // undefined
 * checkTag("ci") // "tags must start with 'tag:'"
 */
export function checkTag(tag: string): string | undefined {
  if (!tag.startsWith("tag:")) return "tags must start with 'tag:'";
  const name = tag.slice("tag:".length);
  if (name.length === 0) return "tag names must not be empty";
  if (!isAsciiLetter(name.charCodeAt(0))) return "tag names must start with a letter, after 'tag:'";
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!isAsciiLetter(c) && !isDigit(c) && c !== 0x2d) {
      return "tag names can only contain numbers, letters, or dashes";
    }
  }
  return undefined;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

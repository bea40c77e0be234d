/**
 * Checks one tag against Tailscale's grammar (`tag:` prefix; a non-empty name that starts with a letter and
 * continues with letters, digits and `-`). Returns Tailscale's error text, or `undefined` when valid.
 *
 * @example
 * checkTag("tag:ci"); // undefined
 * checkTag("ci"); // "tags must start with 'tag:'"
 */
export function checkTag(tag: string): string | undefined {
  if (!tag.startsWith("tag:")) return "tags must start with 'tag:'";
  const name = tag.slice("tag:".length);
  if (name === "") return "tag names must not be empty";
  if (!/^[A-Za-z]/.test(name)) return "tag names must start with a letter, after 'tag:'";
  if (!/^[A-Za-z0-9-]+$/.test(name)) return "tag names can only contain numbers, letters, or dashes";
  return undefined;
}

/**
 * The two readings of which tags a key made with a trust credential may carry. Tailscale's sources do not
 * settle it, so the emulator offers both:
 * - `subset`: every requested tag is one of the credential's tags (the seed's wording);
 * - `all-or-owned`: the requested tags are exactly all of the credential's tags, or every requested tag is
 *   owned (ACL `tagOwners`) by one of the credential's tags (tailscale/github-action's wording, read strictly:
 *   a mix of the two is refused).
 */
export type TagPermissionRule = "subset" | "all-or-owned";

/**
 * The requested tags the rule refuses (empty when all are permitted).
 *
 * @example
 * refusedTags("all-or-owned", ["tag:ci"], ["tag:ci", "tag:ns"], {}); // ["tag:ci"]
 */
export function refusedTags(
  rule: TagPermissionRule,
  requested: readonly string[],
  credentialTags: readonly string[],
  tagOwners: Readonly<Record<string, readonly string[]>>,
): string[] {
  switch (rule) {
    case "subset":
      return requested.filter((tag) => !credentialTags.includes(tag));
    case "all-or-owned": {
      const same =
        new Set(requested).size === new Set(credentialTags).size &&
        requested.every((tag) => credentialTags.includes(tag));
      if (same) return [];
      const owned = (tag: string): boolean =>
        (tagOwners[tag] ?? []).some((owner) => credentialTags.includes(owner));
      return requested.every(owned) ? [] : requested.filter((tag) => !owned(tag));
    }
    default:
      return rule satisfies never;
  }
}

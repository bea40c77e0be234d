import { NscError } from "../errors/nsc-error.js";
import { checkTag } from "./check-tag.js";

/** Most tags one spec may carry; far above any real ACL, low enough to bound a request. */
export const MAX_TAGS = 64;

/**
 * Validates a spec's tags: at least one (Tailscale issues federated auth keys only for tagged devices),
 * each by Tailscale's grammar, duplicates dropped keeping the first occurrence's position.
 *
 * @throws NscError `missing_tags` or `invalid_tag`, naming the offending tag and the reason.
 */
export function parseTags(tags: readonly string[], field = "tags"): readonly string[] {
  if (tags.length === 0) {
    throw new NscError(
      "missing_tags",
      "at least one tag is required: Tailscale issues federated auth keys only for tagged devices (add --tag tag:<name>)",
      { field },
    );
  }
  if (tags.length > MAX_TAGS) {
    throw new NscError("invalid_tag", `too many tags: ${tags.length} given, at most ${MAX_TAGS} allowed`, {
      field,
    });
  }
  const seen = new Set<string>();
  const result: string[] = [];
  tags.forEach((tag, index) => {
    const reason = checkTag(tag);
    if (reason !== undefined) {
      throw new NscError("invalid_tag", `invalid tag ${JSON.stringify(tag)}: ${reason}`, {
        field: `${field}[${index}]`,
      });
    }
    if (!seen.has(tag)) {
      seen.add(tag);
      result.push(tag);
    }
  });
  return result;
}

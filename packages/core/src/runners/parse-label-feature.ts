/** Longest feature key. */
export const MAX_FEATURE_KEY_LENGTH = 128;
/** Longest feature value. */
export const MAX_FEATURE_VALUE_LENGTH = 256;

const FEATURE_KEY = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/u;
// Printable ASCII other than space and `;` (the feature separator).
const FEATURE_VALUE = /^[\x21-\x3a\x3c-\x7e]+$/u;

/** A parsed `key=value` feature, or the reason it is malformed. */
export type FeatureResult =
  | { readonly kind: "feature"; readonly key: string; readonly value: string }
  | { readonly kind: "malformed"; readonly problem: string };

/**
 * Parses one `key=value` feature of a runner label.
 *
 * Key grammar: dot-separated words, each a lowercase letter followed by lowercase letters, digits, `-` or
 * `_` (`container.privileged`, `overrides.cache-tag`), at most 128 characters. Keys are matched without
 * regard to case (GitHub treats labels that way) and returned in lowercase.
 *
 * Value grammar: 1 to 256 printable ASCII characters other than space and `;`. The value is everything after
 * the first `=`, so it may itself contain `=`.
 *
 * @example
 * parseLabelFeature("tailscale.spec=corp") // { kind: "feature", key: "tailscale.spec", value: "corp" }
 */
export function parseLabelFeature(text: string): FeatureResult {
  const equals = text.indexOf("=");
  if (text === "") return { kind: "malformed", problem: "empty feature (check for a stray or doubled ';')" };
  if (equals === -1) {
    return {
      kind: "malformed",
      problem: `feature ${JSON.stringify(text)} has no '=': write it as key=value`,
    };
  }
  const key = text.slice(0, equals).toLowerCase();
  const value = text.slice(equals + 1);
  if (key === "") {
    return {
      kind: "malformed",
      problem: `feature ${JSON.stringify(text)} has an empty key: write it as key=value`,
    };
  }
  if (key.length > MAX_FEATURE_KEY_LENGTH) {
    return { kind: "malformed", problem: `feature key is longer than ${MAX_FEATURE_KEY_LENGTH} characters` };
  }
  if (!FEATURE_KEY.test(key)) {
    return {
      kind: "malformed",
      problem: `invalid feature key ${JSON.stringify(key)}: use dot-separated words of lowercase letters, digits, '-' or '_', each starting with a letter (e.g. container.privileged)`,
    };
  }
  if (value === "") {
    return {
      kind: "malformed",
      problem: `feature ${JSON.stringify(key)} has an empty value: write it as ${key}=value`,
    };
  }
  if (value.length > MAX_FEATURE_VALUE_LENGTH) {
    return {
      kind: "malformed",
      problem: `value of feature ${JSON.stringify(key)} is longer than ${MAX_FEATURE_VALUE_LENGTH} characters`,
    };
  }
  if (!FEATURE_VALUE.test(value)) {
    return {
      kind: "malformed",
      problem: `value of feature ${JSON.stringify(key)} may only contain printable ASCII other than spaces and ';'`,
    };
  }
  return { kind: "feature", key, value };
}

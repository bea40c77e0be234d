import { NscError } from "../errors/nsc-error.js";
import type { Brand } from "../ids/brand.js";

/** An audience that passed {@link parseAudience}; the only kind `buildIdTokenClaims` accepts. */
export type Audience = Brand<string, "Audience">;

/** Longest audience accepted, in UTF-16 code units. */
export const MAX_AUDIENCE_LENGTH = 512;

// Whitespace, control characters, invisible format characters (zero-width space, BOM, bidi marks), lone
// surrogates, private-use and unassigned code points: an audience must read the same to a person comparing
// it by eye as to the relying party.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;
const KIND: readonly [RegExp, string][] = [
  [/\s/u, "a whitespace character"],
  [/\p{Cc}/u, "a control character"],
  [/\p{Cf}/u, "an invisible formatting character"],
  [/\p{Cs}/u, "a lone surrogate (text that is not valid Unicode)"],
  [/\p{Co}/u, "a private-use character"],
  [/\p{Cn}/u, "an unassigned character"],
];

/**
 * Parses the audience of an ID token request: 1 to 512 characters, no whitespace, control or
 * invisible characters. Any value a relying party expects is allowed otherwise, for example
 * `api.tailscale.com/<client-id>`, `sts.amazonaws.com`, or a URL.
 *
 * @example
 * parseAudience("api.tailscale.com/kXyz123CNTRL") // ok
 * parseAudience(" sts.amazonaws.com") // throws NscError invalid_audience
 *
 * @throws NscError `invalid_audience`.
 */
export function parseAudience(value: unknown, field = "audience"): Audience {
  if (typeof value !== "string" || value.length === 0) {
    throw new NscError(
      "invalid_audience",
      "audience is required: pass the value the relying party expects, e.g. api.tailscale.com/<client-id>",
      { field },
    );
  }
  if (value.length > MAX_AUDIENCE_LENGTH) {
    throw new NscError(
      "invalid_audience",
      `audience is too long (${value.length} characters, at most ${MAX_AUDIENCE_LENGTH})`,
      { field },
    );
  }
  const bad = FORBIDDEN.exec(value);
  if (bad !== null) {
    const codePoint = bad[0].codePointAt(0) ?? 0;
    const kind = KIND.find(([pattern]) => pattern.test(bad[0]))?.[1] ?? "a character that is not allowed";
    throw new NscError(
      "invalid_audience",
      `audience ${JSON.stringify(value.slice(0, 80))} contains ${kind} ` +
        `(U+${codePoint.toString(16).toUpperCase().padStart(4, "0")} at position ${bad.index}); remove it`,
      { field },
    );
  }
  if (value.normalize("NFC") !== value) {
    throw new NscError(
      "invalid_audience",
      `audience ${JSON.stringify(value.slice(0, 80))} is not in Unicode normal form NFC (it has decomposed or ` +
        "compatibility characters that look like others): type it again, or send its NFC form",
      { field },
    );
  }
  return value as Audience;
}

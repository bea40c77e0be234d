import { NscError } from "../errors/nsc-error.js";
import type { Brand } from "../ids/brand.js";

/** An audience that passed {@link parseAudience}; the only kind `buildIdTokenClaims` accepts. */
export type Audience = Brand<string, "Audience">;

/** Longest audience accepted, in UTF-16 code units. */
export const MAX_AUDIENCE_LENGTH = 512;

// Whitespace, control characters and invisible format characters (zero-width space, BOM, bidi marks):
// an audience must read the same to a person comparing it by eye as to the relying party.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}]/u;

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
    throw new NscError(
      "invalid_audience",
      `audience ${JSON.stringify(value.slice(0, 80))} contains a whitespace or control character ` +
        `(U+${codePoint.toString(16).toUpperCase().padStart(4, "0")} at position ${bad.index}); remove it`,
      { field },
    );
  }
  return value as Audience;
}

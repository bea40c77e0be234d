import type { Audience } from "./parse-audience.js";

/** What every Tailscale trust credential expects in `aud` by default, before the client ID. */
export const TAILSCALE_AUDIENCE_PREFIX = "api.tailscale.com/";

/**
 * The audience Tailscale expects for a spec's trust credential: `api.tailscale.com/<client-id>`.
 *
 * @example
 * tailscaleAudienceOf("kXyz123CNTRL") // "api.tailscale.com/kXyz123CNTRL"
 */
export function tailscaleAudienceOf(oauthClientId: string): string {
  return `${TAILSCALE_AUDIENCE_PREFIX}${oauthClientId}`;
}

/** True when an audience has the shape of a Tailscale audience (compared without regard to case). */
export function looksLikeTailscaleAudience(audience: Audience | string): boolean {
  return audience.toLowerCase().startsWith(TAILSCALE_AUDIENCE_PREFIX);
}

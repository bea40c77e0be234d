import * as z from "zod/mini";
import { parseWith } from "../schema/parse-with.js";
import { parseAudience, type Audience } from "./parse-audience.js";
import { parseDurationSecs, type DurationBounds } from "./parse-duration-secs.js";

/**
 * Body of `POST /v1/id-token`. Unknown fields are rejected. The shape only is checked here;
 * {@link parseIdTokenRequest} applies the audience and lifetime rules with their own error codes.
 *
 * @example
 * { "audience": "api.tailscale.com/kXyz123CNTRL", "duration_secs": 900 }
 */
export const idTokenRequestSchema = z.strictObject({
  /** The relying party's expected `aud`, e.g. `api.tailscale.com/<client-id>`. */
  audience: z.string(),
  /** Requested lifetime in seconds; absent or 0 means the server's default. */
  duration_secs: z.optional(z.number()),
});

/** The wire shape of `POST /v1/id-token`, see {@link idTokenRequestSchema}. */
export type IdTokenRequestBody = z.input<typeof idTokenRequestSchema>;

/** A `POST /v1/id-token` body after every rule has been applied. */
export interface IdTokenRequest {
  readonly audience: Audience;
  /** The lifetime to issue, in seconds, already defaulted and bounded. */
  readonly lifetimeSecs: number;
}

/**
 * Parses and validates a `POST /v1/id-token` body.
 *
 * @throws NscError `invalid_request` (shape, unknown fields), `invalid_audience`, `invalid_duration`.
 */
export function parseIdTokenRequest(body: unknown, bounds: DurationBounds): IdTokenRequest {
  const parsed = parseWith(idTokenRequestSchema, body);
  return {
    audience: parseAudience(parsed.audience),
    lifetimeSecs: parseDurationSecs(parsed.duration_secs, bounds),
  };
}

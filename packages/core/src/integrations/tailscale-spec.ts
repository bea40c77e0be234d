import * as z from "zod/mini";
import { parseWith } from "../schema/parse-with.js";
import { parseClientId } from "../tailscale/parse-client-id.js";
import { parseLoginServer } from "../tailscale/parse-login-server.js";
import { MAX_TAGS, parseTags } from "../tailscale/parse-tags.js";
import { MAX_AUDIENCE_LENGTH, parseAudience } from "../id-tokens/parse-audience.js";
import { tailscaleAudienceOf } from "../id-tokens/tailscale-audience.js";

/** A named Tailscale integration spec: what a workload needs to join the tailnet, never a secret. */
export interface TailscaleSpec {
  readonly oauth_client_id: string;
  readonly tags: readonly string[];
  readonly enable_magic_dns: boolean;
  /** Control server base URL; absent means Tailscale's own. */
  readonly login_server?: string;
  /**
   * The trust credential's audience, when it has a custom one; absent means the default
   * `api.tailscale.com/<client-id>` (see {@link tailscaleAudience}).
   */
  readonly audience?: string;
}

/**
 * The audience a join asks the ID token for: the spec's own, else `api.tailscale.com/<client-id>`.
 *
 * @example
 * tailscaleAudience({ oauth_client_id: "k1", tags: ["tag:ci"], enable_magic_dns: false }) // "api.tailscale.com/k1"
 */
export function tailscaleAudience(spec: TailscaleSpec): string {
  return spec.audience ?? tailscaleAudienceOf(spec.oauth_client_id);
}

/** Wire shape of a spec in requests and responses. */
export const tailscaleSpecSchema = z.strictObject({
  oauth_client_id: z.string().check(z.maxLength(1024)),
  tags: z.array(z.string().check(z.maxLength(256))).check(z.maxLength(MAX_TAGS * 4)),
  enable_magic_dns: z.boolean(),
  login_server: z.exactOptional(z.string().check(z.maxLength(2048))),
  audience: z.exactOptional(z.string().check(z.maxLength(MAX_AUDIENCE_LENGTH))),
});

/**
 * Parses and validates a spec from untrusted input: shape first, then each field by its own rules.
 *
 * @throws NscError naming the field: `invalid_request`, `invalid_client_id`, `invalid_tag`, `missing_tags`,
 * `invalid_login_server`, `invalid_audience`.
 */
export function parseTailscaleSpec(value: unknown, prefix = ""): TailscaleSpec {
  const raw = parseWith(tailscaleSpecSchema, value, "Tailscale spec", prefix);
  const loginServer =
    raw.login_server === undefined ? undefined : parseLoginServer(raw.login_server, `${prefix}login_server`);
  const audience = raw.audience === undefined ? undefined : parseAudience(raw.audience, `${prefix}audience`);
  return {
    oauth_client_id: parseClientId(raw.oauth_client_id, `${prefix}oauth_client_id`),
    tags: parseTags(raw.tags, `${prefix}tags`),
    enable_magic_dns: raw.enable_magic_dns,
    ...(loginServer === undefined ? {} : { login_server: loginServer }),
    ...(audience === undefined ? {} : { audience }),
  };
}

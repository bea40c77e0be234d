import { parseInstance, type Instance } from "../instances/instance.js";
import { ResponseFields } from "../instances/response-fields.js";

/** The Tailscale spec a join uses, as the join endpoint returns it. */
export interface JoinSpec {
  readonly oauth_client_id: string;
  readonly tags: readonly string[];
  readonly enable_magic_dns: boolean;
  readonly login_server?: string;
  /** The trust credential's custom audience, when the spec has one. */
  readonly audience?: string;
}

/**
 * The join endpoint's answer to a dry run: the instance, its spec as it is now, and the issuer, subject and
 * audience a trust credential must be configured with — no token.
 */
export interface JoinPlan {
  readonly instance: Instance;
  readonly spec_name: string;
  readonly spec: JoinSpec;
  readonly issuer: string;
  readonly subject: string;
  readonly audience: string;
}

/** The answer of `POST /v1/workload/tailscale/join`: the plan and a fresh ID token for Tailscale. */
export interface JoinResponse extends JoinPlan {
  readonly id_token: string;
  readonly expires_at: string;
}

/**
 * Reads the join endpoint's answer with its ID token.
 *
 * @throws NscError `unexpected_response` naming a missing or malformed field.
 */
export function parseJoinResponse(value: unknown): JoinResponse {
  const fields = new ResponseFields(value, "join answer");
  return {
    ...parseJoinPlan(value),
    id_token: fields.string("id_token"),
    expires_at: fields.string("expires_at"),
  };
}

/**
 * Reads the join endpoint's answer to a dry run.
 *
 * @throws NscError `unexpected_response` naming a missing or malformed field.
 */
export function parseJoinPlan(value: unknown): JoinPlan {
  const fields = new ResponseFields(value, "join answer");
  const spec = fields.object("spec");
  const loginServer = spec.optionalString("login_server");
  const audience = spec.optionalString("audience");
  return {
    instance: parseInstance(fields.raw("instance")),
    spec_name: fields.string("spec_name"),
    spec: {
      oauth_client_id: spec.string("oauth_client_id"),
      tags: spec.strings("tags"),
      enable_magic_dns: spec.boolean("enable_magic_dns"),
      ...(loginServer === undefined ? {} : { login_server: loginServer }),
      ...(audience === undefined ? {} : { audience }),
    },
    issuer: fields.string("issuer"),
    subject: fields.string("subject"),
    audience: fields.string("audience"),
  };
}

import { NscError } from "@nsc/core/errors/nsc-error.js";
import { FEDERATED_UP_MIN_VERSION, formatVersion, type ClientVersion } from "./client-version.js";
import type { JoinResponse } from "./join-response.js";
import type { TailscaleFailure } from "./tailscale-failure.js";

/** What a failure message can name besides the failure itself. */
export interface FailureContext {
  readonly join: JoinResponse;
  readonly version: ClientVersion | undefined;
  /** The `tailscale` program that ran. */
  readonly program: string;
}

/**
 * Turns a classified failure into one {@link NscError} naming the cause and the fix:
 * `tailscale_tags_rejected`, `tailscale_token_rejected` (with the issuer, subject and audience the trust
 * credential must be configured with), `tailscale_client_too_old`, or `tailscale_failed`.
 */
export function explainFailure(failure: TailscaleFailure, context: FailureContext): NscError {
  const { join } = context;
  const clientId = join.spec.oauth_client_id;
  switch (failure.kind) {
    case "tags_rejected": {
      const tags = failure.tags.length === 0 ? join.spec.tags : failure.tags;
      return new NscError(
        "tailscale_tags_rejected",
        `Tailscale refused the tags ${tags.join(", ")} of spec "${join.spec_name}": the trust credential ` +
          `for client ID ${clientId} does not allow them. Allow the same tags on the trust credential in ` +
          "Tailscale (every tag a spec asks for must be one the credential allows), or change the spec's tags " +
          `with nsc integrations tailscale set ${join.spec_name}`,
      );
    }
    case "token_rejected":
      return new NscError(
        "tailscale_token_rejected",
        `Tailscale rejected the ID token for client ID ${clientId}` +
          `${failure.status === undefined ? "" : ` (HTTP ${failure.status})`} and does not say why. ` +
          `Its trust credential must be configured with issuer ${join.issuer}, a subject pattern matching ` +
          `${join.subject} (e.g. ${join.instance.workspace_id}/*), and audience ${join.audience} (or none, ` +
          `which means the same); and spec "${join.spec_name}" must name that credential's client ID`,
      );
    case "client_too_old":
      return new NscError(
        "tailscale_client_too_old",
        `the tailscale client at ${context.program}` +
          `${context.version === undefined ? "" : ` (${formatVersion(context.version)})`} does not know the ` +
          `flag --${failure.flag}: upgrade Tailscale to ${formatVersion(FEDERATED_UP_MIN_VERSION)} or later, ` +
          "or point --tailscale-bin at a newer client",
      );
    case "server_error":
      return new NscError(
        "tailscale_failed",
        `Tailscale's control server kept failing (HTTP ${failure.status}) after several tries: ` +
          `${failure.lastLine}. Try again later`,
      );
    case "other":
      return new NscError("tailscale_failed", `tailscale up failed: ${failure.lastLine}`);
    default:
      return failure satisfies never;
  }
}

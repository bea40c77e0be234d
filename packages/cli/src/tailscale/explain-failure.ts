import { NscError } from "@nsc/core/errors/nsc-error.js";
import {
  FEDERATED_UP_MIN_VERSION,
  formatVersion,
  type ClientVersion,
  type JoinPath,
} from "./client-version.js";
import type { TailscaleJoinResponse as JoinResponse } from "@nsc/core/api/tailscale-join.js";
import type { TailscaleFailure } from "./tailscale-failure.js";

/** What a failure message can name besides the failure itself. */
export interface FailureContext {
  readonly join: JoinResponse;
  readonly version: ClientVersion | undefined;
  /** The `tailscale` program that ran. */
  readonly program: string;
  /** How the join got its key. */
  readonly path: JoinPath;
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
          `for client ID ${clientId} does not permit them. Tailscale does not document the exact rule (its ` +
          "docs say the tags must be all of the credential's tags, or tags owned by them); the safe fix is to " +
          `give the trust credential exactly the spec's tags (${join.spec.tags.join(", ")}), or change the ` +
          `spec's tags with nsc integrations tailscale set ${join.spec_name} to the credential's`,
      );
    }
    case "token_rejected":
      return new NscError(
        "tailscale_token_rejected",
        `Tailscale rejected the ID token for client ID ${clientId}` +
          `${failure.status === undefined ? "" : ` (HTTP ${failure.status})`} and does not say why. ` +
          `Its trust credential must be configured with issuer ${join.issuer}, a subject pattern matching ` +
          `${join.subject} (e.g. ${join.instance.workspace_id}/*), and audience ${join.audience}` +
          (join.spec.audience === undefined
            ? ` (the default nsc asks for; if the credential shows another audience, set it on the spec with ` +
              `nsc integrations tailscale set ${join.spec_name} … --audience <its audience>)`
            : ` (the spec's custom audience)`) +
          `; and spec "${join.spec_name}" must name that credential's client ID`,
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
        `Tailscale's control server kept failing (${failure.status === undefined ? "an answer that is not JSON" : `HTTP ${failure.status}`}) after several tries: ` +
          `${failure.lastLine}. Try again later`,
      );
    case "network":
      return new NscError(
        "tailscale_failed",
        `the control server at ${join.spec.login_server ?? "https://controlplane.tailscale.com"} could not be ` +
          `reached after several tries: ${failure.lastLine}. Check this machine's network and DNS`,
      );
    case "login_server_change":
      return new NscError(
        "tailscale_failed",
        "tailscale up refused to move this node to another control server even with --force-reauth: " +
          "run `tailscale logout` on the node and join again",
      );
    case "timed_out":
      return new NscError("tailscale_failed", explainTimeout(failure.interactive, context));
    case "other":
      return new NscError("tailscale_failed", `tailscale up failed: ${failure.lastLine}`);
    default:
      return failure satisfies never;
  }
}

function explainTimeout(interactive: boolean, context: FailureContext): string {
  const prefix = "tailscale up did not reach the Running state within --timeout";
  if (context.path === "federated") {
    const why = interactive
      ? "it fell back to an interactive login, so this client was built without identity federation " +
        "(e.g. an extra-small build with ts_omit_identityfederation), which accepts --client-id and " +
        "--id-token but ignores them"
      : "either this client lacks identity federation (a build without it accepts the flags, ignores them " +
        "and waits for an interactive login), or the control server did not complete the registration";
    return (
      `${prefix}: ${why}. Run nsc tailscale up --no-federation to have nsc make the auth key itself, ` +
      'or install an official build; check health with "tailscale status"'
    );
  }
  return (
    `${prefix}: the control server did not complete the registration with the auth key nsc made. ` +
    'Check health with "tailscale status" and that this machine reaches the control server'
  );
}

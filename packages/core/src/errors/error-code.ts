/**
 * Every stable error code nsc can return. Clients switch on these; the text of a message may change,
 * a code never does.
 */
export const ERROR_CODES = [
  // Request shape
  "invalid_usage",
  "invalid_json",
  "invalid_request",
  "body_too_large",
  "unsupported_media_type",
  "request_incomplete",
  // Field validation
  "invalid_name",
  "invalid_client_id",
  "invalid_tag",
  "missing_tags",
  "invalid_login_server",
  "invalid_workspace_name",
  "invalid_token_name",
  "invalid_role",
  "invalid_output_format",
  // Auth
  "unauthenticated",
  "token_expired",
  "forbidden",
  "too_many_failed_attempts",
  // Objects
  "not_found",
  "spec_not_found",
  "workspace_not_found",
  "token_not_found",
  "route_not_found",
  "method_not_allowed",
  // Concurrency
  "version_conflict",
  "spec_in_use",
  "last_admin_token",
  // Server and transport
  "database_unavailable",
  "server_unreachable",
  "unexpected_response",
  "internal",
  // Local configuration
  "not_logged_in",
  "invalid_config",
  // Federation (issuer, instances, ID tokens)
  "invalid_audience",
  "audience_not_allowed",
  "invalid_duration",
  "invalid_issuer_url",
  "instance_not_found",
  "workload_token_expired",
  "workload_credential_missing",
  "key_encryption_key_invalid",
  "signing_key_unavailable",
  // Runners, devboxes and the join
  "invalid_runner_label",
  "invalid_devbox_spec",
  "devbox_default_locked",
  "no_tailscale_spec",
  "unsupported_platform",
  "tailscale_failed",
  "tailscale_tags_rejected",
  "tailscale_token_rejected",
  "tailscale_client_too_old",
  // Trust relationships and token exchange
  "invalid_trust_relationship",
  "invalid_jwks",
  "trust_relationship_not_found",
  "trust_relationship_exists",
  "exchange_token_malformed",
  "exchange_issuer_untrusted",
  "exchange_signature_invalid",
  "exchange_audience_mismatch",
  "exchange_token_expired",
  "exchange_token_not_yet_valid",
  "exchange_token_lifetime_too_long",
  "exchange_subject_mismatch",
  "exchange_claim_mismatch",
  "exchange_labels_rejected",
  "exchange_token_used",
  "issuer_keys_unavailable",
  "external_token_unavailable",
] as const;

/** A stable error code, see {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** True when `value` is one of the known {@link ErrorCode}s. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

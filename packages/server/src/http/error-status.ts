import type { ErrorCode } from "@nsc/core";

/** The one place that maps an error code to an HTTP status. */
export function statusOf(
  code: ErrorCode,
): 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 502 | 503 {
  switch (code) {
    case "invalid_usage":
    case "invalid_json":
    case "request_incomplete":
    case "invalid_request":
    case "invalid_name":
    case "invalid_client_id":
    case "invalid_tag":
    case "missing_tags":
    case "invalid_login_server":
    case "invalid_workspace_name":
    case "invalid_token_name":
    case "invalid_role":
    case "invalid_output_format":
    case "invalid_audience":
    case "invalid_duration":
    case "invalid_issuer_url":
    case "invalid_runner_label":
    case "invalid_devbox_spec":
    case "no_tailscale_spec":
    case "devbox_default_locked":
    case "invalid_trust_relationship":
    case "invalid_jwks":
      return 400;
    case "unauthenticated":
    case "token_expired":
    case "workload_token_expired":
      return 401;
    case "forbidden":
    case "audience_not_allowed":
    case "exchange_token_malformed":
    case "exchange_issuer_untrusted":
    case "exchange_signature_invalid":
    case "exchange_audience_mismatch":
    case "exchange_token_expired":
    case "exchange_token_not_yet_valid":
    case "exchange_token_lifetime_too_long":
    case "exchange_subject_mismatch":
    case "exchange_claim_mismatch":
    case "exchange_labels_rejected":
    case "exchange_token_used":
      return 403;
    case "not_found":
    case "spec_not_found":
    case "workspace_not_found":
    case "token_not_found":
    case "instance_not_found":
    case "route_not_found":
    case "trust_relationship_not_found":
      return 404;
    case "method_not_allowed":
      return 405;
    case "version_conflict":
    case "spec_in_use":
    case "last_admin_token":
    case "trust_relationship_exists":
      return 409;
    case "too_many_failed_attempts":
      return 429;
    case "body_too_large":
      return 413;
    case "unsupported_media_type":
      return 415;
    case "database_unavailable":
    case "signing_key_unavailable":
      return 503;
    case "server_unreachable":
    case "unexpected_response":
    case "tailscale_failed":
    case "tailscale_tags_rejected":
    case "tailscale_token_rejected":
    case "tailscale_client_too_old":
    case "issuer_keys_unavailable":
    case "external_token_unavailable":
      return 502;
    case "internal":
    case "not_logged_in":
    case "invalid_config":
    case "workload_credential_missing":
    case "key_encryption_key_invalid":
    case "unsupported_platform":
      return 500;
    default: {
      return code satisfies never;
    }
  }
}

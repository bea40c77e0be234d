import type { ErrorCode } from "./error-code.js";

/**
 * The exit status of `nsc` and `nsc-server` for each failure, so scripts can tell failures apart without
 * parsing messages:
 *
 * | status | meaning |
 * | --- | --- |
 * | 0 | success |
 * | 1 | any other failure |
 * | 2 | usage: a bad flag, argument or value |
 * | 3 | not authenticated, or not allowed |
 * | 4 | not found |
 * | 5 | conflict: another write came first, or a lock forbids it |
 * | 6 | unavailable: the server or its database cannot be reached right now |
 * | 7 | Tailscale refused the join |
 */
export function exitCodeOf(code: ErrorCode): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  switch (code) {
    case "invalid_usage":
    case "invalid_json":
    case "invalid_request":
    case "body_too_large":
    case "unsupported_media_type":
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
    case "invalid_config":
    case "invalid_trust_relationship":
    case "invalid_jwks":
      return 2;
    case "unauthenticated":
    case "token_expired":
    case "forbidden":
    case "not_logged_in":
    case "workload_token_expired":
    case "workload_credential_missing":
    case "too_many_failed_attempts":
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
    case "external_token_unavailable":
      return 3;
    case "not_found":
    case "spec_not_found":
    case "workspace_not_found":
    case "token_not_found":
    case "instance_not_found":
    case "route_not_found":
    case "method_not_allowed":
    case "trust_relationship_not_found":
      return 4;
    case "version_conflict":
    case "devbox_default_locked":
    case "spec_in_use":
    case "last_admin_token":
    case "trust_relationship_exists":
      return 5;
    case "database_unavailable":
    case "server_unreachable":
    case "unexpected_response":
    case "signing_key_unavailable":
    case "issuer_keys_unavailable":
      return 6;
    case "tailscale_failed":
    case "tailscale_tags_rejected":
    case "tailscale_token_rejected":
    case "tailscale_client_too_old":
      return 7;
    case "internal":
    case "no_tailscale_spec":
    case "unsupported_platform":
    case "key_encryption_key_invalid":
    case "request_incomplete":
      return 1;
    default: {
      return code satisfies never;
    }
  }
}

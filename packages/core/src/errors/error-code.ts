/** The exit status of `nsc` and `nsc-server` for a failure; see {@link exitCodeOf}. */
export type ExitStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Every HTTP status the API answers an error with. */
export type ErrorHttpStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 502 | 503;

interface SentError {
  /** The status of the API's answer carrying this code. */
  readonly status: ErrorHttpStatus;
  readonly exit: ExitStatus;
}

interface LocalError {
  /** Never in an HTTP answer: only a process (`nsc`, `nsc-server`'s commands and start-up) produces it. */
  readonly status: null;
  readonly exit: ExitStatus;
}

const usage = { status: 400, exit: 2 } as const;
const denied = { status: 403, exit: 3 } as const;
const missing = { status: 404, exit: 4 } as const;
const conflict = { status: 409, exit: 5 } as const;
const local = <E extends ExitStatus>(exit: E) => ({ status: null, exit }) as const;

/**
 * Every stable error code nsc can return, with the HTTP status the server answers it with (`null` for
 * the codes only a process produces, which no answer carries) and the exit status of the process that
 * fails with it. Clients switch on codes; the text of a message may change, a code never does. This is
 * the one table: {@link ERROR_CODES}, {@link exitCodeOf} and the server's `statusOf` all read it, and
 * docs/troubleshooting.md lists every row (a test checks).
 */
const ERRORS = {
  // Request shape
  invalid_usage: local(2),
  invalid_json: usage,
  invalid_request: usage,
  body_too_large: { status: 413, exit: 2 },
  unsupported_media_type: { status: 415, exit: 2 },
  request_incomplete: { status: 400, exit: 1 },
  // Field validation
  invalid_name: usage,
  invalid_client_id: usage,
  invalid_tag: usage,
  missing_tags: usage,
  invalid_login_server: usage,
  invalid_workspace_name: usage,
  invalid_role: local(2),
  invalid_output_format: local(2),
  // Auth
  unauthenticated: { status: 401, exit: 3 },
  token_expired: { status: 401, exit: 3 },
  forbidden: denied,
  too_many_failed_attempts: { status: 429, exit: 3 },
  // Objects
  not_found: local(4),
  spec_not_found: missing,
  workspace_not_found: missing,
  token_not_found: missing,
  route_not_found: missing,
  // Concurrency
  version_conflict: conflict,
  spec_in_use: conflict,
  last_admin_token: conflict,
  // Server and transport
  database_unavailable: { status: 503, exit: 6 },
  server_unreachable: local(6),
  unexpected_response: local(6),
  internal: { status: 500, exit: 1 },
  // Local configuration
  not_logged_in: local(3),
  invalid_config: local(2),
  // Federation (issuer, instances, ID tokens)
  invalid_audience: usage,
  audience_not_allowed: denied,
  invalid_duration: usage,
  invalid_issuer_url: usage,
  instance_not_found: missing,
  workload_token_expired: { status: 401, exit: 3 },
  workload_credential_missing: local(3),
  key_encryption_key_invalid: local(1),
  signing_key_unavailable: { status: 503, exit: 6 },
  // Runners, devboxes and the join
  invalid_runner_label: usage,
  invalid_devbox_spec: usage,
  devbox_default_locked: { status: 400, exit: 5 },
  no_tailscale_spec: { status: 400, exit: 1 },
  unsupported_platform: local(1),
  tailscale_failed: local(7),
  tailscale_tags_rejected: local(7),
  tailscale_token_rejected: local(7),
  tailscale_client_too_old: local(7),
  // Trust relationships and token exchange
  invalid_trust_relationship: usage,
  invalid_jwks: usage,
  trust_relationship_not_found: missing,
  trust_relationship_exists: conflict,
  exchange_token_malformed: denied,
  exchange_issuer_untrusted: denied,
  exchange_signature_invalid: denied,
  exchange_audience_mismatch: denied,
  exchange_token_expired: denied,
  exchange_token_not_yet_valid: denied,
  exchange_token_lifetime_too_long: denied,
  exchange_subject_mismatch: denied,
  exchange_claim_mismatch: denied,
  exchange_labels_rejected: denied,
  exchange_token_used: denied,
  issuer_keys_unavailable: { status: 502, exit: 6 },
  external_token_unavailable: local(3),
} as const satisfies Readonly<Record<string, SentError | LocalError>>;

/** A stable error code, see {@link ERRORS}. */
export type ErrorCode = keyof typeof ERRORS;

/** The codes the server sends in an answer: the ones with an HTTP status. */
export type ServerErrorCode = {
  [C in ErrorCode]: (typeof ERRORS)[C]["status"] extends null ? never : C;
}[ErrorCode];

/** Every error code, in the table's order. */
export const ERROR_CODES = Object.keys(ERRORS) as readonly ErrorCode[] as readonly [
  ErrorCode,
  ...ErrorCode[],
];

/** True when `value` is one of the known {@link ErrorCode}s. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERRORS, value);
}

/** True when the server may answer with `code` (it has an HTTP status). */
export function isServerErrorCode(code: ErrorCode): code is ServerErrorCode {
  return ERRORS[code].status !== null;
}

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
export function exitCodeOf(code: ErrorCode): ExitStatus {
  return ERRORS[code].exit;
}

/** The HTTP status the server answers `code` with. */
export function httpStatusOf(code: ServerErrorCode): ErrorHttpStatus {
  return ERRORS[code].status;
}

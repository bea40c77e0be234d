import type { ErrorBody } from "../api/error-body.js";
import type { ErrorCode } from "./error-code.js";

/**
 * The one error type of nsc. Carries a stable {@link ErrorCode} and a message that says what happened and
 * what to do next. Messages never contain secrets.
 *
 * @example
 * throw new NscError("spec_not_found", `tailscale integration "corp" not found`);
 */
export class NscError extends Error {
  override readonly name = "NscError";
  readonly code: ErrorCode;
  /** The request field the error is about, when there is one (`tags[1]`, `oauth_client_id`). */
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options.field;
  }
}

/** Renders an {@link NscError} as the wire {@link ErrorBody}. */
export function toErrorBody(error: NscError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    },
  };
}

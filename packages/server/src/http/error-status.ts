import { httpStatusOf, type ErrorHttpStatus, type ServerErrorCode } from "@nsc/core";

/**
 * The HTTP status of an answer carrying `code`. Only codes the server sends have one; core's table of
 * error codes holds it, next to each code's exit status.
 */
export function statusOf(code: ServerErrorCode): ErrorHttpStatus {
  return httpStatusOf(code);
}

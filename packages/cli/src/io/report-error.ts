import type { ErrorCode } from "@nsc/core/errors/error-code.js";
import type { NscIo } from "./nsc-io.js";
import { exitStatusOf, type ExitCodePolicy } from "./exit-code-policy.js";

/**
 * Prints a failure the one way `nsc` prints failures — `Error: <message> [<code>]`, or under `-o json`
 * `{"error":{"code","message"}}` — on stderr, and returns its documented exit status under the failing
 * command's policy.
 */
export function reportError(
  io: NscIo,
  code: ErrorCode,
  message: string,
  json: boolean,
  policy: ExitCodePolicy,
): number {
  io.stderr.write(
    json ? `${JSON.stringify({ error: { code, message } })}\n` : `Error: ${message} [${code}]\n`,
  );
  return exitStatusOf(code, policy);
}

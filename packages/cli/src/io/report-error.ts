import type { ErrorCode } from "@nsc/core/errors/error-code.js";
import { exitCodeOf } from "@nsc/core/errors/exit-code.js";
import type { NscIo } from "./nsc-io.js";

/**
 * Prints a failure the one way `nsc` prints failures — `Error: <message> [<code>]`, or under `-o json`
 * `{"error":{"code","message"}}` — on stderr, and returns its documented exit status.
 */
export function reportError(io: NscIo, code: ErrorCode, message: string, json: boolean): number {
  io.stderr.write(
    json ? `${JSON.stringify({ error: { code, message } })}\n` : `Error: ${message} [${code}]\n`,
  );
  return exitCodeOf(code);
}

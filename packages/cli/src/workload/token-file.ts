import { NscError } from "@nsc/core/errors/nsc-error.js";
import { WORKLOAD_TOKEN_PREFIX } from "@nsc/core/tokens/token-roles.js";

/**
 * A workload token file, as `nsc instances create --token-file` writes it and as upstream's
 * `NSC_TOKEN_FILE` reads it: `{"bearer_token": "nscw_…"}` (or the legacy `{"tenant_token": …}`), with an
 * optional `endpoint`, the nsc server the token belongs to.
 */
export interface TokenFile {
  readonly bearer_token: string;
  readonly endpoint?: string;
}

/**
 * Parses a token file's text.
 *
 * @throws NscError `invalid_config` naming the file and what is wrong (never the token itself).
 */
export function parseTokenFile(text: string, path: string): TokenFile {
  const fail = (problem: string): never => {
    throw new NscError(
      "invalid_config",
      `${path} is not a workload token file: ${problem}; it should hold {"bearer_token": "${WORKLOAD_TOKEN_PREFIX}…"}`,
    );
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail("it is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("it is not an object");
  const { bearer_token: bearer, tenant_token: legacy, endpoint } = value as Record<string, unknown>;
  // Upstream still reads the legacy key `tenant_token` when `bearer_token` is absent.
  const token = bearer ?? legacy;
  if (typeof token !== "string") return fail("bearer_token is missing");
  if (!token.startsWith(WORKLOAD_TOKEN_PREFIX)) {
    return fail(`bearer_token does not start with ${WORKLOAD_TOKEN_PREFIX}`);
  }
  if (endpoint !== undefined && typeof endpoint !== "string") return fail("endpoint is not a string");
  return { bearer_token: token, ...(endpoint === undefined ? {} : { endpoint }) };
}

/** The text of a token file: 2-space indented JSON, `bearer_token` first. */
export function formatTokenFile(file: TokenFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

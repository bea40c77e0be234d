import { NscError } from "../errors/nsc-error.js";
import type { Brand } from "./brand.js";

/** The name of a Tailscale integration spec within a workspace, e.g. `corp`. */
export type SpecName = Brand<string, "SpecName">;

const SPEC_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/u;

/**
 * Parses a spec name: 1 to 63 characters of lowercase letters, digits, `-` and `_`, starting with a
 * letter or digit.
 *
 * @throws NscError `invalid_name`.
 */
export function parseSpecName(value: string, field = "name"): SpecName {
  if (!SPEC_NAME.test(value)) {
    throw new NscError(
      "invalid_name",
      `invalid spec name ${JSON.stringify(value)}: use 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
      { field },
    );
  }
  return value as SpecName;
}

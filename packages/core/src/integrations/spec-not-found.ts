import { NscError } from "../errors/nsc-error.js";

/** The error for a spec name a workspace does not have; the text matches upstream `nsc`. */
export function specNotFound(name: string): NscError {
  return new NscError("spec_not_found", `tailscale integration ${JSON.stringify(name)} not found`);
}

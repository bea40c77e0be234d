import { NscError } from "../errors/nsc-error.js";

/**
 * An `invalid_devbox_spec` error worded `<file>:<line>: <field>: <problem>`; the line and the field are left
 * out when unknown or not relevant (a syntax error has no field).
 */
export function devboxSpecError(
  fileName: string,
  line: number | undefined,
  field: string | undefined,
  problem: string,
): NscError {
  const where = line === undefined ? fileName : `${fileName}:${line}`;
  const message = field === undefined ? `${where}: ${problem}` : `${where}: ${field}: ${problem}`;
  return new NscError("invalid_devbox_spec", message, field === undefined ? {} : { field });
}

import { NscError } from "@nsc/core/errors/nsc-error.js";

const GO_TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const GO_FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/**
 * Rewrites `--name=<bool>` for boolean flags into the forms commander knows (`--name`, `--no-name`), so a
 * boolean flag takes `=true`/`=false` (and Go's other spellings) as upstream's does. Other arguments and
 * everything after `--` are left alone.
 *
 * @example
 * rewriteBoolFlags(["corp", "--enable-magic-dns=false"], ["enable-magic-dns"]) // ["corp", "--no-enable-magic-dns"]
 *
 * @throws NscError `invalid_request` for a value that is not a Go boolean, with upstream's text.
 */
export function rewriteBoolFlags(args: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  let rest = false;
  for (const arg of args) {
    if (rest || arg === "--") {
      rest = true;
      out.push(arg);
      continue;
    }
    const name = names.find((n) => arg.startsWith(`--${n}=`));
    if (name === undefined) {
      out.push(arg);
      continue;
    }
    const value = arg.slice(name.length + 3);
    if (GO_TRUE.has(value)) out.push(`--${name}`);
    else if (GO_FALSE.has(value)) out.push(`--no-${name}`);
    else {
      throw new NscError(
        "invalid_request",
        `invalid argument ${JSON.stringify(value)} for "--${name}" flag: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`,
      );
    }
  }
  return out;
}

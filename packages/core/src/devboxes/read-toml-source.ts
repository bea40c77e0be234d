import { parse, TomlError } from "smol-toml";
import { devboxSpecError } from "./devbox-spec-error.js";
import type { PathSegment, SpecSource } from "./spec-source.js";
import { tomlKeyLines } from "./toml-key-lines.js";

const TOML_PREFIX = "Invalid TOML document: ";
/** Deepest inline nesting accepted; a spec file is never close. */
const MAX_TOML_DEPTH = 64;

/**
 * Reads a TOML (1.0) spec file. Lines for field errors come from {@link tomlKeyLines}: the line of the
 * nearest enclosing key that can be found.
 *
 * @throws NscError `invalid_devbox_spec` worded `<file>:<line>: invalid TOML: <problem>`.
 */
export function readTomlSource(text: string, fileName: string): SpecSource {
  let data: unknown;
  try {
    data = parse(text, { maxDepth: MAX_TOML_DEPTH });
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const [first = ""] = error.message.split("\n");
    const problem = first.startsWith(TOML_PREFIX) ? first.slice(TOML_PREFIX.length) : first;
    throw devboxSpecError(fileName, error.line, undefined, `invalid TOML: ${problem}`);
  }
  const keyLines = tomlKeyLines(text);
  const lineOf = (path: readonly PathSegment[]): number | undefined => {
    for (let n = path.length; n > 0; n--) {
      const line = keyLines.get(JSON.stringify(path.slice(0, n)));
      if (line !== undefined) return line;
    }
    return undefined;
  };
  return { data, lineOf };
}

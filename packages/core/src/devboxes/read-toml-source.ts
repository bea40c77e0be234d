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
  // Key lines first: the scan also refuses keys too deep to be a spec file's, before smol-toml builds them.
  const keyLines = tomlKeyLines(text, fileName);
  let data: unknown;
  try {
    data = parse(text, { maxDepth: MAX_TOML_DEPTH });
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const [first = ""] = error.message.split("\n");
    const problem = first.startsWith(TOML_PREFIX) ? first.slice(TOML_PREFIX.length) : first;
    throw devboxSpecError(fileName, error.line, undefined, `invalid TOML: ${problem}`);
  }
  return { data, lineOf: (path: readonly PathSegment[]) => keyLines.nearestLineOf(path) };
}

import { devboxSpecError } from "./devbox-spec-error.js";
import { findJsonSyntaxError } from "./find-json-syntax-error.js";
import { findDuplicateKey, parsePositionedYaml, yamlLineOf } from "./read-yaml-source.js";
import { lineAtOffset, type SpecSource } from "./spec-source.js";

/**
 * Reads a JSON spec file. The data comes from `JSON.parse`; positions come from parsing the same text as YAML
 * 1.2, of which JSON is a subset. A key given twice in one object is an error (JSON.parse would silently keep
 * the last).
 *
 * @throws NscError `invalid_devbox_spec` worded `<file>:<line>: invalid JSON: <problem>`.
 */
export function readJsonSource(text: string, fileName: string): SpecSource {
  const syntax = findJsonSyntaxError(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const line = syntax === undefined ? undefined : lineAtOffset(text, syntax.offset);
    const problem = syntax?.problem ?? (error instanceof Error ? error.message : String(error));
    throw devboxSpecError(fileName, line, undefined, `invalid JSON: ${problem}`);
  }
  if (syntax !== undefined) {
    throw devboxSpecError(
      fileName,
      lineAtOffset(text, syntax.offset),
      undefined,
      `invalid JSON: ${syntax.problem}`,
    );
  }
  const yaml = parsePositionedYaml(text);
  const duplicate = yaml.document.errors.length === 0 ? findDuplicateKey(yaml) : undefined;
  if (duplicate !== undefined) {
    throw devboxSpecError(
      fileName,
      duplicate.line,
      undefined,
      "invalid JSON: a property is given twice in one object: keep one",
    );
  }
  const lineOf: SpecSource["lineOf"] = yaml.document.errors.length === 0 ? yamlLineOf(yaml) : () => undefined;
  return { data, lineOf };
}

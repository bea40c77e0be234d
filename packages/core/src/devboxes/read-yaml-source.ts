import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { devboxSpecError } from "./devbox-spec-error.js";
import type { PathSegment, SpecSource } from "./spec-source.js";

/** A YAML (1.2, core schema) document and the line counter its positions are measured with. */
export interface PositionedYaml {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/** Parses `text` as YAML, keeping positions. Errors are left on `document.errors` for the caller. */
export function parsePositionedYaml(text: string): PositionedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { document, lineCounter };
}

function lineOfNode(yaml: PositionedYaml, node: Node | null | undefined): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : yaml.lineCounter.linePos(start).line;
}

/** Line lookups over a parsed YAML document, following mapping keys and list indexes. */
export function yamlLineOf(yaml: PositionedYaml): SpecSource["lineOf"] {
  return (path: readonly PathSegment[], at: "key" | "value"): number | undefined => {
    let node: unknown = yaml.document.contents;
    let keyNode: unknown = undefined;
    for (const segment of path) {
      if (typeof segment === "number") {
        if (!isSeq(node)) return undefined;
        keyNode = undefined;
        node = node.items[segment];
      } else {
        if (!isMap(node)) return undefined;
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (pair === undefined) return undefined;
        keyNode = pair.key;
        node = pair.value;
      }
    }
    const keyLine = isScalar(keyNode) ? lineOfNode(yaml, keyNode) : undefined;
    if (at === "key" && keyLine !== undefined) return keyLine;
    const valueLine = isScalar(node) || isMap(node) || isSeq(node) ? lineOfNode(yaml, node) : undefined;
    return valueLine ?? keyLine;
  };
}

/**
 * Reads a YAML spec file.
 *
 * @throws NscError `invalid_devbox_spec` worded `<file>:<line>: invalid YAML: <problem>`.
 */
export function readYamlSource(text: string, fileName: string): SpecSource {
  const yaml = parsePositionedYaml(text);
  const [error] = yaml.document.errors;
  if (error !== undefined) {
    const line = yaml.lineCounter.linePos(error.pos[0]).line;
    throw devboxSpecError(fileName, line, undefined, `invalid YAML: ${error.message}`);
  }
  return { data: yaml.document.toJS(), lineOf: yamlLineOf(yaml) };
}

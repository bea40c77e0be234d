import {
  type Document,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from "yaml";
import type { NscError } from "../errors/nsc-error.js";
import { devboxSpecError } from "./devbox-spec-error.js";
import type { PathSegment, SpecSource } from "./spec-source.js";

/** A YAML (1.2, core schema) document and the line counter its positions are measured with. */
export interface PositionedYaml {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/**
 * Parses `text` as YAML, keeping positions. Errors are left on `document.errors` for the caller. Keys
 * given twice are found by {@link findDuplicateKey}, in linear time (the yaml library's own check compares
 * every key with every other).
 */
export function parsePositionedYaml(text: string): PositionedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  return { document, lineCounter };
}

/** The first scalar mapping key given twice in its mapping, with its line, if any. */
export function findDuplicateKey(
  yaml: PositionedYaml,
): { readonly key: string; readonly line: number | undefined } | undefined {
  let found: { readonly key: string; readonly line: number | undefined } | undefined;
  visit(yaml.document, {
    Map: (_key, map) => {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value: unknown = pair.key.value;
        const id = `${typeof value}:${String(value)}`;
        if (seen.has(id)) {
          found = { key: String(value), line: lineOfNode(yaml, pair.key) };
          return visit.BREAK;
        }
        seen.add(id);
      }
      return undefined;
    },
  });
  return found;
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
  const duplicate = findDuplicateKey(yaml);
  if (duplicate !== undefined) {
    throw devboxSpecError(
      fileName,
      duplicate.line,
      undefined,
      `invalid YAML: Map keys must be unique: ${JSON.stringify(duplicate.key.slice(0, 64))} is given twice; keep one`,
    );
  }
  // Counted before the yaml library expands them: its own count grows with the square of their number.
  if (countAliases(yaml) > MAX_ALIAS_EXPANSION) throw aliasError(yaml, fileName);
  let data: unknown;
  try {
    data = yaml.document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (error) {
    // The yaml library reports alias problems while building the data, without a position.
    if (!(error instanceof ReferenceError)) throw error;
    throw aliasError(yaml, fileName);
  }
  return { data, lineOf: yamlLineOf(yaml) };
}

/** How many nodes aliases may expand to in all, the yaml library's own default. */
const MAX_ALIAS_EXPANSION = 100;

function countAliases(yaml: PositionedYaml): number {
  let count = 0;
  visit(yaml.document, {
    Alias: () => {
      count++;
    },
  });
  return count;
}

/** Names the first alias that points at no anchor or, failing that, says aliases expand too far. */
function aliasError(yaml: PositionedYaml, fileName: string): NscError {
  const anchors = new Set<string>();
  let firstAlias: Node | undefined;
  let unresolved: { readonly node: Node; readonly source: string } | undefined;
  visit(yaml.document, (_key, node) => {
    if (!isNode(node)) return undefined;
    if (isAlias(node)) {
      firstAlias ??= node;
      if (!anchors.has(node.source)) {
        unresolved = { node, source: node.source };
        return visit.BREAK;
      }
    } else if (node.anchor !== undefined) {
      anchors.add(node.anchor);
    }
    return undefined;
  });
  if (unresolved !== undefined) {
    return devboxSpecError(
      fileName,
      lineOfNode(yaml, unresolved.node),
      undefined,
      `invalid YAML: alias *${unresolved.source} names no anchor before it: define &${unresolved.source} first, or write the value out`,
    );
  }
  return devboxSpecError(
    fileName,
    lineOfNode(yaml, firstAlias),
    undefined,
    `invalid YAML: aliases expand to more than ${MAX_ALIAS_EXPANSION} values: write the values out instead`,
  );
}

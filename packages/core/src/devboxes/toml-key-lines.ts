import { devboxSpecError } from "./devbox-spec-error.js";
import type { PathSegment } from "./spec-source.js";

/** Most dotted parts in one TOML key or table header; a spec file's deepest key has three. */
export const MAX_TOML_KEY_DEPTH = 16;

const BARE_KEY = /[A-Za-z0-9_-]+/uy;
const BASIC_KEY = /"(?:[^"\\]|\\.)*"/uy;
const LITERAL_KEY = /'[^']*'/uy;

/** Reads a dotted TOML key at the start of `text`; returns its segments and where it ends. */
function readKey(text: string): { readonly segments: string[]; readonly end: number } | undefined {
  const segments: string[] = [];
  let i = 0;
  for (;;) {
    while (text.charAt(i) === " " || text.charAt(i) === "\t") i++;
    let matched = false;
    for (const pattern of [BARE_KEY, BASIC_KEY, LITERAL_KEY]) {
      pattern.lastIndex = i;
      const match = pattern.exec(text);
      if (match === null) continue;
      const raw = match[0];
      segments.push(pattern === BARE_KEY ? raw : unquote(raw));
      i = pattern.lastIndex;
      matched = true;
      break;
    }
    if (!matched) return undefined;
    while (text.charAt(i) === " " || text.charAt(i) === "\t") i++;
    if (text.charAt(i) !== ".") return { segments, end: i };
    i++;
  }
}

function unquote(raw: string): string {
  if (raw.startsWith("'")) return raw.slice(1, -1);
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "string" ? value : raw.slice(1, -1);
  } catch {
    return raw.slice(1, -1);
  }
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** One key path of the document: the line it was first written on, and the paths under it. */
interface KeyNode {
  line: number | undefined;
  /** Entries of an array of tables seen so far, when this path is one. */
  arrayCount: number | undefined;
  readonly children: Map<PathSegment, KeyNode>;
}

function newNode(): KeyNode {
  return { line: undefined, arrayCount: undefined, children: new Map() };
}

function child(node: KeyNode, segment: PathSegment): KeyNode {
  let next = node.children.get(segment);
  if (next === undefined) {
    next = newNode();
    node.children.set(segment, next);
  }
  return next;
}

/** Where the key paths of a TOML document were written, from {@link tomlKeyLines}. */
export interface TomlKeyLines {
  /** The line `path` was first written on, or `undefined` when no line names it. */
  lineOf(path: readonly PathSegment[]): number | undefined;
  /** The line of `path` or, failing that, of its nearest enclosing path that has one. */
  nearestLineOf(path: readonly PathSegment[]): number | undefined;
}

/**
 * Maps key paths of a TOML document to the line each was first written on, by reading table headers
 * (`[a.b]`, `[[a]]`, counting array-of-tables entries as list indexes) and `key = value` lines. smol-toml
 * reports positions only for syntax errors, so this scan finds lines for field errors. It is a best effort:
 * a key inside an inline table or a multi-line array maps to the line of the key that holds it.
 *
 * Time is linear in the size of the text: paths live in a tree, so no path is ever copied or serialised.
 *
 * @example
 * tomlKeyLines('image = "x"\n[[sessions]]\nname = "a"', "devbox.toml").lineOf(["sessions", 0, "name"]) // 3
 * @throws NscError `invalid_devbox_spec` when a key or table header has more than {@link MAX_TOML_KEY_DEPTH}
 * dotted parts.
 */
export function tomlKeyLines(text: string, fileName: string): TomlKeyLines {
  const root = newNode();
  const mark = (node: KeyNode, line: number): void => {
    if (node.line === undefined) node.line = line;
  };
  const checked = (key: { readonly segments: string[] } | undefined, line: number): string[] | undefined => {
    if (key !== undefined && key.segments.length > MAX_TOML_KEY_DEPTH) {
      throw devboxSpecError(
        fileName,
        line,
        undefined,
        `a key has ${key.segments.length} dotted parts, more than ${MAX_TOML_KEY_DEPTH}: a spec file's keys have at most three`,
      );
    }
    return key?.segments;
  };
  // Walks a header's key from the root, stepping into the latest entry of any array of tables on the way.
  const resolve = (segments: readonly string[], line: number): KeyNode => {
    let node = root;
    for (const segment of segments) {
      node = child(node, segment);
      mark(node, line);
      if (node.arrayCount !== undefined) {
        node = child(node, node.arrayCount - 1);
        mark(node, line);
      }
    }
    return node;
  };
  let table = root;
  let openString: string | undefined;
  text.split(/\r?\n/u).forEach((rawLine, index) => {
    const lineNumber = index + 1;
    if (openString !== undefined) {
      if (countOf(rawLine, openString) % 2 === 1) openString = undefined;
      return;
    }
    const line = rawLine.trimStart();
    if (line.startsWith("[[")) {
      const segments = checked(readKey(line.slice(2)), lineNumber);
      if (segments === undefined) return;
      const last = segments.pop();
      if (last === undefined) return;
      const array = child(resolve(segments, lineNumber), last);
      mark(array, lineNumber);
      array.arrayCount = (array.arrayCount ?? 0) + 1;
      table = child(array, array.arrayCount - 1);
      mark(table, lineNumber);
      return;
    }
    if (line.startsWith("[")) {
      const segments = checked(readKey(line.slice(1)), lineNumber);
      if (segments === undefined) return;
      table = resolve(segments, lineNumber);
      return;
    }
    const key = readKey(line);
    const segments = checked(key, lineNumber);
    if (key === undefined || segments === undefined || line.charAt(key.end) !== "=") return;
    let node = table;
    for (const segment of segments) {
      node = child(node, segment);
      mark(node, lineNumber);
    }
    const rest = line.slice(key.end + 1);
    for (const delimiter of ['"""', "'''"]) {
      if (countOf(rest, delimiter) % 2 === 1) openString = delimiter;
    }
  });
  const walk = (path: readonly PathSegment[], nearest: boolean): number | undefined => {
    let node = root;
    let found: number | undefined;
    for (const segment of path) {
      const next = node.children.get(segment);
      if (next === undefined) return nearest ? found : undefined;
      node = next;
      found = node.line ?? found;
    }
    return nearest ? found : node.line;
  };
  return {
    lineOf: (path) => walk(path, false),
    nearestLineOf: (path) => walk(path, true),
  };
}

import type { PathSegment } from "./spec-source.js";

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
  return text.split(needle).length - 1;
}

/**
 * Maps key paths of a TOML document to the line each was first written on, by reading table headers
 * (`[a.b]`, `[[a]]`, counting array-of-tables entries as list indexes) and `key = value` lines. smol-toml
 * reports positions only for syntax errors, so this scan finds lines for field errors. It is a best effort:
 * a key inside an inline table or a multi-line array maps to the line of the key that holds it.
 *
 * @example
 * tomlKeyLines('image = "x"\n[[sessions]]\nname = "a"').get(JSON.stringify(["sessions", 0, "name"])) // 3
 */
export function tomlKeyLines(text: string): ReadonlyMap<string, number> {
  const lines = new Map<string, number>();
  const arrayCounts = new Map<string, number>();
  const record = (path: readonly PathSegment[], line: number): void => {
    for (let n = 1; n <= path.length; n++) {
      const key = JSON.stringify(path.slice(0, n));
      if (!lines.has(key)) lines.set(key, line);
    }
  };
  // Resolves a header's key, stepping into the latest entry of any array of tables on the way.
  const resolve = (segments: readonly string[]): PathSegment[] => {
    const path: PathSegment[] = [];
    for (const segment of segments) {
      path.push(segment);
      const count = arrayCounts.get(JSON.stringify(path));
      if (count !== undefined) path.push(count - 1);
    }
    return path;
  };
  let table: PathSegment[] = [];
  let openString: string | undefined;
  text.split(/\r?\n/u).forEach((rawLine, index) => {
    const lineNumber = index + 1;
    if (openString !== undefined) {
      if (countOf(rawLine, openString) % 2 === 1) openString = undefined;
      return;
    }
    const line = rawLine.trimStart();
    if (line.startsWith("[[")) {
      const key = readKey(line.slice(2));
      if (key === undefined) return;
      const parent = resolve(key.segments.slice(0, -1));
      const arrayPath = [...parent, ...key.segments.slice(-1)];
      const arrayKey = JSON.stringify(arrayPath);
      const count = (arrayCounts.get(arrayKey) ?? 0) + 1;
      arrayCounts.set(arrayKey, count);
      table = [...arrayPath, count - 1];
      record(table, lineNumber);
      return;
    }
    if (line.startsWith("[")) {
      const key = readKey(line.slice(1));
      if (key === undefined) return;
      table = resolve(key.segments);
      record(table, lineNumber);
      return;
    }
    const key = readKey(line);
    if (key === undefined || line.charAt(key.end) !== "=") return;
    record([...table, ...key.segments], lineNumber);
    const rest = line.slice(key.end + 1);
    for (const delimiter of ['"""', "'''"]) {
      if (countOf(rest, delimiter) % 2 === 1) openString = delimiter;
    }
  });
  return lines;
}

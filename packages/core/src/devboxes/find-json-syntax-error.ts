/** Deepest nesting {@link findJsonSyntaxError} follows; a spec file is never close. */
export const MAX_JSON_DEPTH = 64;

/** Where a JSON text stops being valid JSON, and why. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly problem: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/uy;
const LITERAL = /true|false|null/uy;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/uy;

/**
 * Finds the first syntax error in a JSON text (RFC 8259), so a message can point at its line; `JSON.parse`
 * on Node 20 does not always say where it failed. Returns undefined for valid JSON.
 *
 * @example
 * findJsonSyntaxError('{"a": }') // { offset: 6, problem: "expected a value" }
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const describe = (): string => (i >= text.length ? "the end of the file" : JSON.stringify(text.charAt(i)));
  const skipSpace = (): void => {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  };
  const expect = (char: string, what: string): void => {
    skipSpace();
    if (text.charAt(i) !== char) throw new Stop(i, `expected ${what}, found ${describe()}`);
    i++;
  };
  const string = (): void => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) throw new Stop(start, "string is not closed");
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return;
      }
      if (code < 0x20) throw new Stop(i, "control character in a string: escape it (\\n, \\t, \\u0000)");
      if (code === 0x5c) {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) throw new Stop(i, "invalid escape sequence in a string");
        i = ESCAPE.lastIndex;
      } else {
        i++;
      }
    }
  };
  const value = (depth: number): void => {
    skipSpace();
    if (depth > MAX_JSON_DEPTH) throw new Stop(i, `nested more than ${MAX_JSON_DEPTH} levels deep`);
    const char = text.charAt(i);
    if (char === "{") {
      i++;
      skipSpace();
      if (text.charAt(i) === "}") {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text.charAt(i) !== '"')
          throw new Stop(i, `expected a property name in double quotes, found ${describe()}`);
        string();
        expect(":", "':' after the property name");
        value(depth + 1);
        skipSpace();
        if (text.charAt(i) === "}") {
          i++;
          return;
        }
        expect(",", "',' or '}' after a property value");
      }
    }
    if (char === "[") {
      i++;
      skipSpace();
      if (text.charAt(i) === "]") {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipSpace();
        if (text.charAt(i) === "]") {
          i++;
          return;
        }
        expect(",", "',' or ']' after a list item");
      }
    }
    if (char === '"') {
      string();
      return;
    }
    for (const pattern of [NUMBER, LITERAL]) {
      pattern.lastIndex = i;
      if (pattern.test(text)) {
        i = pattern.lastIndex;
        return;
      }
    }
    throw new Stop(i, `expected a value, found ${describe()}`);
  };
  try {
    value(0);
    skipSpace();
    if (i < text.length) throw new Stop(i, `unexpected ${describe()} after the end of the document`);
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, problem: error.problem };
    throw error;
  }
}

/** One step into a parsed document: a mapping key or a list index. */
export type PathSegment = string | number;

/**
 * A parsed spec file: its plain data and a way back to where things were written.
 * `lineOf` gives the 1-based line of the value at `path` (or of its key, with `at: "key"`), or undefined
 * when it cannot tell.
 */
export interface SpecSource {
  readonly data: unknown;
  lineOf(path: readonly PathSegment[], at: "key" | "value"): number | undefined;
}

/** The 1-based line of a character offset in `text`. */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

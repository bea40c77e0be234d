import { readFileSync } from "node:fs";

/**
 * Resolves a flag value that may be `file:<path>`: the file's content with surrounding whitespace trimmed;
 * any other value is returned unchanged.
 */
export function readFlagFile(value: string, what: string): string {
  if (!value.startsWith("file:")) return value;
  const path = value.slice("file:".length);
  try {
    return readFileSync(path, "utf8").trim();
  } catch (error) {
    const reason =
      error instanceof Error && "code" in error && error.code === "ENOENT"
        ? "no such file or directory"
        : String(error);
    throw new Error(`reading ${what} file: open ${path}: ${reason}`);
  }
}

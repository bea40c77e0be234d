import { isAbsolute, join, relative, sep } from "node:path";

/**
 * Maps a request's URL path to a file inside `root`, or `undefined` when the path could leave `root` or
 * is not a plain file name (`..`, `.` segments, backslashes, NUL, bad percent-encoding, dot-files).
 *
 * @example
 * resolveConsoleFile("/srv/dist", "/assets/index-abc.js") // "/srv/dist/assets/index-abc.js"
 * resolveConsoleFile("/srv/dist", "/%2e%2e/etc/passwd") // undefined
 */
export function resolveConsoleFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === ".." || s.startsWith("."))) return undefined;
  if (segments.length === 0) return undefined;
  const file = join(root, ...segments);
  const rel = relative(root, file);
  if (rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel)) return undefined;
  return file;
}

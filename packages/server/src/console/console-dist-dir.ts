import { fileURLToPath } from "node:url";

/**
 * Where the console's built files are: `packages/console/dist`, found from this file's place in the server
 * package (the same two levels deep in `src/` and in `dist/`).
 */
export function consoleDistDir(): string {
  return fileURLToPath(new URL("../../../console/dist/", import.meta.url));
}

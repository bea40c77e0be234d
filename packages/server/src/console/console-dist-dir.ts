import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Where the console's built files are: the `dist/` folder of the `@nsc/console` package, a declared
 * dependency of the server, found the way Node finds any package (so from `src/`, `dist/` and the
 * bundle alike). Undefined when the package is not installed; the console then answers that it is not
 * built.
 */
export function consoleDistDir(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve("@nsc/console/package.json")), "dist");
  } catch {
    return undefined;
  }
}

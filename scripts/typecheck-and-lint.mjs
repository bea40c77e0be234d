#!/usr/bin/env node
// `npm run typecheck` and `npm run lint` in one process, sharing each project's TypeScript program
// (scripts/checks.mjs says how and when). It reports what the two commands report: tsc's diagnostics, and
// when there are none ESLint's (stylish format). It exits non-zero when either finds an error.
//
// Usage: node scripts/typecheck-and-lint.mjs
import { lint, typecheck } from "./checks.mjs";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/u, "");
process.chdir(root);

const types = typecheck(root);
if (types.errors > 0) {
  // A project with errors leaves its dependents unbuilt, and ESLint would report their unresolved types as
  // errors of its own; `tsc && eslint` would not have linted either.
  console.error(`tsc: ${types.errors} error(s); fix them, then lint runs`);
  process.exit(1);
}
const lintResult = await lint(root, types.programs);
if (lintResult.output !== "") console.log(lintResult.output);
process.exitCode = lintResult.ok ? 0 : 1;

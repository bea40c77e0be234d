// Typecheck and lint as two steps that share TypeScript's programs; `typecheck-and-lint.mjs` runs them one
// after the other, `test.mjs` runs lint beside the build and the test files.
//
// `tsc -b tsconfig.typecheck.json` type-checks seven projects (the four packages, the tests, the console and
// the console's tests), and `eslint .` would then build a program of its own over the same files and check
// their types again for its type-aware rules. `typecheck` runs TypeScript's solution builder (which writes
// the packages' `dist/`, as `tsc -b` does) and keeps each project's program; `lint` hands them to ESLint
// (`parserOptions.programs`), so its rules ask checkers that have already done the work.
//
// The programs are shared only on a build from scratch (no project has build info yet), as on a fresh clone.
// The programs of an incremental build, and any program made in the same process after a build, left ESLint
// with imported types it could not resolve (false `no-unsafe-*` errors in files that had none); then `lint`
// runs `eslint .` in a process of its own, as it would alone.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { runNode } from "./node-child.mjs";

const SOLUTION = "tsconfig.typecheck.json";

/** A tsconfig read as `tsc` reads it; an unreadable one is a type error like any other. */
function parseConfig(path, report) {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: report };
  const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, host);
  if (parsed === undefined) throw new Error(`cannot read ${path}`);
  return parsed;
}

/**
 * Builds the solution in `root` (the process's working folder must be `root`), printing tsc's diagnostics
 * to stdout. Resolves the number of type errors and, when they can serve ESLint, each project's program.
 */
export function typecheck(root) {
  if (process.cwd() !== root) throw new Error(`typecheck runs in ${root}, not ${process.cwd()}`);
  const print = ts.createDiagnosticReporter(ts.sys, true);
  let errors = 0;
  const report = (diagnostic) => {
    if (diagnostic.category === ts.DiagnosticCategory.Error) errors++;
    print(diagnostic);
  };
  const projects = (parseConfig(SOLUTION, report).projectReferences ?? []).map((reference) =>
    ts.resolveProjectReferencePath(reference),
  );
  const fromScratch = projects.every((path) => {
    const buildInfo = ts.getTsBuildInfoEmitOutputFilePath(parseConfig(path, report).options);
    return buildInfo === undefined || !existsSync(buildInfo);
  });
  const builder = ts.createSolutionBuilder(
    ts.createSolutionBuilderHost(ts.sys, undefined, report),
    [SOLUTION],
    {},
  );
  /** Each project's program, by resolved config path. */
  const built = new Map();
  for (
    let project = builder.getNextInvalidatedProject();
    project;
    project = builder.getNextInvalidatedProject()
  ) {
    if (project.kind === ts.InvalidatedProjectKind.Build) {
      const program = project.getProgram();
      if (program !== undefined) built.set(project.project, program);
    }
    project.done();
  }
  const shareable = fromScratch && projects.every((path) => built.has(path));
  return { errors, programs: shareable ? projects.map((path) => built.get(path)) : undefined };
}

/**
 * Lints `root` with the programs of {@link typecheck}, or in an `eslint .` process of its own when there
 * are none. Resolves ESLint's report (stylish format, empty when clean) and whether it found an error.
 */
export async function lint(root, programs) {
  if (programs === undefined) {
    return runNode([join(root, "node_modules/eslint/bin/eslint.js"), "."], { cwd: root, capture: true });
  }
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ["**/*.ts", "**/*.tsx"],
      languageOptions: { parserOptions: { programs } },
    },
  });
  const results = await eslint.lintFiles(["."]);
  const output = await (await eslint.loadFormatter("stylish")).format(results);
  const errors = results.reduce((sum, result) => sum + result.errorCount + result.fatalErrorCount, 0);
  return { output: output.trim(), ok: errors === 0 };
}

#!/usr/bin/env node
// `npm run typecheck` and `npm run lint` in one process, sharing each project's TypeScript program.
//
// `tsc -b tsconfig.typecheck.json` type-checks seven projects (the four packages, the tests, the console and
// the console's tests), and `eslint .` would then build a program of its own over the same files and check
// their types again for its type-aware rules. Here TypeScript's solution builder checks each project (and
// writes the packages' `dist/`, as `tsc -b` does) and keeps its program; ESLint then lints with
// `parserOptions.programs`, so its rules ask checkers that have already done the work. A project already up
// to date is not rebuilt; then, and after any incremental build, `eslint .` runs as it would alone (below).
//
// It reports what the two commands report: tsc's diagnostics, and when there are none ESLint's (stylish
// format). It exits non-zero when either finds an error.
//
// Usage: node scripts/typecheck-and-lint.mjs
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";

const root = new URL("..", import.meta.url).pathname;
const SOLUTION = "tsconfig.typecheck.json";

/** A tsconfig read as `tsc` reads it; an unreadable one is a type error like any other. */
function parseConfig(path, report) {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: report };
  const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, host);
  if (parsed === undefined) throw new Error(`cannot read ${path}`);
  return parsed;
}

process.chdir(root);
const print = ts.createDiagnosticReporter(ts.sys, true);
let typeErrors = 0;
const report = (diagnostic) => {
  if (diagnostic.category === ts.DiagnosticCategory.Error) typeErrors++;
  print(diagnostic);
};

const projects = (parseConfig(SOLUTION, report).projectReferences ?? []).map((reference) =>
  ts.resolveProjectReferencePath(reference),
);
// The solution builder's programs serve ESLint only on a build from scratch, as on a fresh clone. The
// programs of an incremental build (from an earlier run's build info), and any program made in this process
// after a build, left ESLint with imported types it could not resolve: false `no-unsafe-*` errors in files
// that had none. Otherwise `eslint .` runs in a process of its own, as it would alone.
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
const programs = new Map();
for (
  let project = builder.getNextInvalidatedProject();
  project;
  project = builder.getNextInvalidatedProject()
) {
  if (project.kind === ts.InvalidatedProjectKind.Build) {
    const program = project.getProgram();
    if (program !== undefined) programs.set(project.project, program);
  }
  project.done();
}
if (typeErrors > 0) {
  // A project with errors leaves its dependents unbuilt, and ESLint would report their unresolved types as
  // errors of its own; `tsc && eslint` would not have linted either.
  console.error(`tsc: ${typeErrors} error(s); fix them, then lint runs`);
  process.exit(1);
}

if (!fromScratch || projects.some((path) => !programs.has(path))) {
  const eslintBin = join(root, "node_modules/eslint/bin/eslint.js");
  const { status } = spawnSync(process.execPath, [eslintBin, "."], { cwd: root, stdio: "inherit" });
  process.exit(status ?? 1);
}

const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { programs: projects.map((path) => programs.get(path)) } },
  },
});
const results = await eslint.lintFiles(["."]);
const output = await (await eslint.loadFormatter("stylish")).format(results);
if (output !== "") console.log(output);
const lintErrors = results.reduce((sum, result) => sum + result.errorCount + result.fatalErrorCount, 0);

process.exitCode = lintErrors > 0 ? 1 : 0;

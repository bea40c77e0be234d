import { writeFileSync } from "node:fs";
import { fullTable, headlineTable, medians, type Figures } from "./figures.js";
import { FULL, QUICK, runOnce, type Plan } from "./run-once.js";

/**
 * `npm run bench [-- --quick] [--runs N] [--markdown FILE]`: in one run on this machine, side by side —
 * the physical limit (raw signing on one core and on every core), nsc's ID tokens over HTTP at peak and at
 * half of peak, panva's oidc-provider issuing RS256 JWT access tokens with the same load generator
 * (interleaved with nsc), token exchange with a warm JWKS cache, JWKS against a bare node:http server,
 * ES256 issuance, the CLI's start-up, issuance and audit listing at scale, and the server's memory under
 * constant load. `--runs N` repeats the whole run N times and reports each figure's median; the figures
 * end as markdown tables (every figure, and the README's headline row), on stdout and in FILE.
 * Environment: NSC_BENCH_DATABASE_URL (PostgreSQL; default SQLite in a temporary directory),
 * NSC_BENCH_CONCURRENCY (default 64).
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const base = args.quick ? QUICK : FULL;
  const plan: Plan = { ...base, concurrency: Number(process.env.NSC_BENCH_CONCURRENCY ?? base.concurrency) };
  const databaseUrl = process.env.NSC_BENCH_DATABASE_URL;
  const started = performance.now();
  const setting =
    `${plan.concurrency} clients, ${plan.phaseMs / 1000} s phases, ` +
    `database ${databaseUrl === undefined ? "SQLite" : "PostgreSQL"}`;
  console.log(`nsc benchmark${args.quick ? " --quick" : ""}: ${setting}, ${args.runs} run(s)`);

  const runs: Figures[] = [];
  for (let run = 1; run <= args.runs; run++) {
    if (args.runs > 1) console.log(`\n# Run ${run} of ${args.runs}`);
    const runStarted = performance.now();
    runs.push(await runOnce(plan, databaseUrl));
    console.log(`\nrun ${run} took ${((performance.now() - runStarted) / 1000).toFixed(0)} s`);
  }

  const figures = medians(runs);
  const what = args.runs > 1 ? `Medians of ${args.runs} runs` : "One run";
  const markdown = [
    `${what} of \`npm run bench${args.quick ? " -- --quick" : ""}\` (${setting}).`,
    "",
    fullTable(figures),
    "",
    "Headline figures (README):",
    "",
    headlineTable(figures),
    "",
  ].join("\n");
  console.log(`\n## Figures\n\n${markdown}`);
  if (args.markdown !== undefined) writeFileSync(args.markdown, markdown);
  console.log(`bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

interface BenchArgs {
  readonly quick: boolean;
  readonly runs: number;
  readonly markdown: string | undefined;
}

function parseArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let runs = 1;
  let markdown: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") quick = true;
    else if (arg === "--runs") {
      runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs < 1 || runs > 20)
        throw new Error("--runs takes a whole number, 1 to 20");
    } else if (arg === "--markdown") {
      markdown = argv[++i];
      if (markdown === undefined || markdown === "") throw new Error("--markdown takes a file name");
    } else throw new Error(`unknown argument ${String(arg)}: use --quick, --runs N, --markdown FILE`);
  }
  return { quick, runs, markdown };
}

await main();

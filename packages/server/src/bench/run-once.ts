import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startProcess, type BenchProcess } from "./child-process.js";
import { measureCli } from "./cli-timings.js";
import { runExchangePhase } from "./exchange-phase.js";
import { Figures, atLeast, atMost, formatValue, type Figure } from "./figures.js";
import { runLoad, type LoadResult } from "./load.js";
import { measureRawSigning } from "./raw-signing.js";
import { buildScaleData } from "./scale-data.js";
import type { SigningAlg } from "../signing/signing-alg.js";

/** How long each part runs; `--quick` shrinks everything for development. */
export interface Plan {
  readonly rawMs: number;
  readonly phaseMs: number;
  readonly rounds: number;
  readonly jwksMs: number;
  readonly cliRuns: number;
  readonly instances: number;
  readonly auditRows: number;
  readonly memoryMs: number;
  readonly concurrency: number;
  /** External tokens minted for the exchange phase (it ends early when they are used up). */
  readonly exchangeTokens: number;
}

export const FULL: Plan = {
  rawMs: 2000,
  phaseMs: 3000,
  rounds: 2,
  jwksMs: 2000,
  cliRuns: 20,
  instances: 100_000,
  auditRows: 1_000_000,
  memoryMs: 60_000,
  concurrency: 64,
  exchangeTokens: 4000,
};
export const QUICK: Plan = {
  rawMs: 500,
  phaseMs: 1000,
  rounds: 1,
  jwksMs: 500,
  cliRuns: 5,
  instances: 10_000,
  auditRows: 100_000,
  memoryMs: 10_000,
  concurrency: 64,
  exchangeTokens: 1000,
};

const SERVER_BIN = new URL("../../bin/nsc-server.js", import.meta.url).pathname;
const NSC_BIN = new URL("../../../cli/bin/nsc.js", import.meta.url).pathname;
const PEER = new URL("./peer-oidc-provider.js", import.meta.url).pathname;
const BARE = new URL("./bare-jwks-server.js", import.meta.url).pathname;
/** The audience of the peer's access tokens (its one resource server). */
const PEER_AUDIENCE = "https://api.bench.example";

/**
 * One whole run of the benchmark: prints each part as it is measured and returns every figure (see
 * docs/performance.md for what each part measures).
 */
export async function runOnce(plan: Plan, databaseUrl: string | undefined): Promise<Figures> {
  const figures = new Figures();
  const show = (
    section: string,
    label: string,
    value: number,
    unit: Figure["unit"],
    goal?: Figure["goal"],
    headline = false,
  ): void => {
    figures.add(section, label, value, unit, { ...(goal === undefined ? {} : { goal }), headline });
    const verdict = goal === undefined ? "" : `  (goal ${goal.text}${goal.met(value) ? "" : ", not met"})`;
    console.log(`${label}: ${formatValue(value, unit)}${verdict}`);
  };

  // 1. The physical limit.
  const rs = await measureRawSigning("RS256", plan.rawMs);
  const raw = "raw signing";
  console.log(`\n## Raw signing (no HTTP, no database), ${rs.cores} cores`);
  show(raw, "RS256 one core", rs.oneCore, "/s");
  show(raw, "RS256 all cores (workers)", rs.allCores, "/s", undefined, true);
  show(raw, "RS256 workers, batched hand-off", rs.workersBatched, "/s");
  show(raw, "RS256 async crypto.sign (pool)", rs.threadPool, "/s");
  const es = await measureRawSigning("ES256", plan.rawMs);
  show(raw, "ES256 one core", es.oneCore, "/s");
  show(raw, "ES256 all cores", es.allCores, "/s");

  const dataDir = mkdtempSync(join(tmpdir(), "nsc-bench-"));
  const esDir = mkdtempSync(join(tmpdir(), "nsc-bench-es-"));
  const stops: (() => Promise<void>)[] = [];
  try {
    const nsc = await startNsc(dataDir, "RS256", databaseUrl);
    stops.push(() => nsc.server.stop());
    const idleRss = nsc.server.rssMiB();
    const workloads = await registerWorkloads(nsc, plan.concurrency);
    const peer = await startProcess([PEER], /peer listening (\S+ \S+ \S+)/u);
    stops.push(() => peer.stop());
    const [peerUrl = "", clientId = "", clientSecret = ""] = peer.url.split(" ");

    const issueNsc = (ms: number, ratePerSecond?: number): Promise<LoadResult> =>
      runLoad({
        url: `${nsc.server.url}/v1/id-token`,
        method: "POST",
        headers: (i) => ({
          authorization: `Bearer ${workloads[i % workloads.length] ?? ""}`,
          "content-type": "application/json",
        }),
        body: () => '{"audience":"api.tailscale.com/kBenchClient"}',
        concurrency: plan.concurrency,
        durationMs: ms,
        ...(ratePerSecond === undefined ? {} : { ratePerSecond }),
      });
    const peerBody = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    }).toString();
    const issuePeer = (ms: number): Promise<LoadResult> =>
      runLoad({
        url: `${peerUrl}/token`,
        method: "POST",
        headers: () => ({ "content-type": "application/x-www-form-urlencoded" }),
        body: () => peerBody,
        concurrency: plan.concurrency,
        durationMs: ms,
      });

    // 2. nsc against the peer, interleaved, after a warm-up of each.
    await issueNsc(plan.phaseMs / 2);
    await issuePeer(plan.phaseMs / 2);
    const nscRounds: LoadResult[] = [];
    const peerRounds: LoadResult[] = [];
    for (let round = 0; round < plan.rounds; round++) {
      nscRounds.push(await issueNsc(plan.phaseMs));
      peerRounds.push(await issuePeer(plan.phaseMs));
    }
    const peak = best(nscRounds);
    const peerPeak = best(peerRounds);
    const half = await issueNsc(plan.phaseMs, peak.perSecond / 2);
    const rsHttp = "ID tokens, RS256";
    console.log(`\n## ID tokens over HTTP, RS256 (${plan.rounds} interleaved rounds each)`);
    for (const [i, r] of nscRounds.entries()) print(`nsc round ${i + 1}`, r);
    for (const [i, r] of peerRounds.entries()) print(`oidc-provider round ${i + 1}`, r);
    print(`nsc at half of peak (${fmt(peak.perSecond / 2)}/s offered)`, half);
    show(rsHttp, "nsc RS256 peak", peak.perSecond, "/s", undefined, true);
    show(rsHttp, "nsc RS256 p50 at peak", peak.p50, "ms");
    show(rsHttp, "nsc RS256 p99 at peak", peak.p99, "ms");
    show(rsHttp, "oidc-provider RS256 peak", peerPeak.perSecond, "/s");
    show(
      rsHttp,
      "nsc peak / all-cores raw RS256",
      peak.perSecond / rs.allCores,
      "%",
      atLeast("≥ 80 %", 0.8),
      true,
    );
    show(rsHttp, "nsc / oidc-provider", peak.perSecond / peerPeak.perSecond, "×", atLeast("≥ 2×", 2), true);
    show(rsHttp, "p99 at half of peak", half.p99, "ms", atMost("< 10 ms", 10), true);
    if (nscRounds.some((r) => r.errors > 0) || peerRounds.some((r) => r.errors > 0)) {
      console.log("warning: some requests failed; see the error counts above");
    }

    // 3. Token exchange with a warm JWKS cache, the peer as the external issuer.
    const exchanged = await runExchangePhase({
      nscUrl: nsc.server.url,
      adminToken: nsc.admin,
      workspaceId: nsc.workspaceId,
      issuer: peerUrl,
      clientId,
      clientSecret,
      audience: PEER_AUDIENCE,
      concurrency: plan.concurrency,
      durationMs: plan.phaseMs,
      tokens: plan.exchangeTokens,
    });
    const ex = "token exchange";
    console.log(`\n## Token exchange (oidc-provider's RS256 access tokens, warm JWKS cache)`);
    print("POST /v1/auth/exchange-oidc-token", exchanged.load);
    if (exchanged.exhausted)
      console.log(`(the ${fmt(plan.exchangeTokens)} minted tokens were used up before the phase's end)`);
    show(ex, "exchanges", exchanged.load.perSecond, "/s", undefined, true);
    show(ex, "exchange p50", exchanged.load.p50, "ms");
    show(ex, "exchange p99", exchanged.load.p99, "ms");
    console.log(
      `JWKS fetches: ${exchanged.warmUpFetches} by the warm-up exchange, ${exchanged.measuredFetches} during ${fmt(exchanged.load.requests)} exchanges`,
    );
    show(ex, "JWKS fetches during the exchanges", exchanged.measuredFetches, "", atMost("≤ 1", 1));
    if (exchanged.load.errors > 0 || exchanged.measuredFetches > 1) {
      throw new Error(
        `the exchange phase is not valid: ${exchanged.load.errors} exchanges failed, ${exchanged.measuredFetches} JWKS fetches with a warm cache (at most 1 expected)`,
      );
    }

    // 4. JWKS against a bare server with the same bytes and ETag, interleaved.
    const jwksResponse = await fetch(`${nsc.server.url}/.well-known/jwks`);
    const jwksBody = await jwksResponse.text();
    const bare = await startProcess(
      [BARE, jwksBody, jwksResponse.headers.get("etag") ?? '""'],
      /bare listening (\S+)/u,
    );
    stops.push(() => bare.stop());
    const jwks = (url: string): Promise<LoadResult> =>
      runLoad({
        url,
        method: "GET",
        headers: () => ({}),
        concurrency: plan.concurrency,
        durationMs: plan.jwksMs,
      });
    await jwks(`${nsc.server.url}/.well-known/jwks`);
    await jwks(`${bare.url}/`);
    const nscJwks: LoadResult[] = [];
    const bareJwks: LoadResult[] = [];
    for (let round = 0; round < plan.rounds; round++) {
      nscJwks.push(await jwks(`${nsc.server.url}/.well-known/jwks`));
      bareJwks.push(await jwks(`${bare.url}/`));
    }
    console.log(`\n## JWKS (${jwksBody.length} bytes)`);
    print("nsc", best(nscJwks));
    print("bare node:http", best(bareJwks));
    show("JWKS", "nsc JWKS", best(nscJwks).perSecond, "/s");
    show(
      "JWKS",
      "nsc JWKS / bare",
      best(nscJwks).perSecond / best(bareJwks).perSecond,
      "×",
      atLeast("≥ 0.8×", 0.8),
      true,
    );
    await bare.stop();

    // 5. ES256: where signing is nearly free, what everything else costs.
    const esNsc = await startNsc(esDir, "ES256", undefined);
    stops.push(() => esNsc.server.stop());
    const esWorkloads = await registerWorkloads(esNsc, plan.concurrency);
    const issueEs = (): Promise<LoadResult> =>
      runLoad({
        url: `${esNsc.server.url}/v1/id-token`,
        method: "POST",
        headers: (i) => ({
          authorization: `Bearer ${esWorkloads[i % esWorkloads.length] ?? ""}`,
          "content-type": "application/json",
        }),
        body: () => '{"audience":"api.tailscale.com/kBenchClient"}',
        concurrency: plan.concurrency,
        durationMs: plan.phaseMs,
      });
    await issueEs();
    const esPeak = await issueEs();
    await esNsc.server.stop();
    console.log(`\n## ID tokens over HTTP, ES256 (SQLite)`);
    print("nsc", esPeak);
    show("ID tokens, ES256", "nsc ES256 peak", esPeak.perSecond, "/s");
    show(
      "ID tokens, ES256",
      "nsc ES256 / one-core raw ES256",
      esPeak.perSecond / es.oneCore,
      "%",
      atLeast("≥ 35 %", 0.35),
      true,
    );

    // 6. The CLI.
    const cli = await measureCli({
      nscBin: NSC_BIN,
      endpoint: nsc.server.url,
      adminToken: nsc.admin,
      workloadToken: workloads[0] ?? "",
      runs: plan.cliRuns,
    });
    const c = "CLI";
    console.log(`\n## CLI (medians of ${cli.runs} runs, the bundled nsc)`);
    show(c, "node -e 0", cli.nodeFloor, "ms");
    show(c, "nsc --help", cli.help, "ms", undefined, true);
    show(c, "nsc --help / node -e 0", cli.help / cli.nodeFloor, "×", atMost("≤ 2.5×", 2.5));
    show(c, "nsc integrations tailscale list", cli.list, "ms", atMost("≤ 150 ms", 150));
    show(c, "nsc tailscale up, start → exec", cli.upToExec, "ms", atMost("≤ 150 ms", 150), true);
    show(c, "nsc tailscale up, stub exit → exit", cli.exitToExit, "ms", atMost("≤ 20 ms", 20));

    // 7. Scale: the same server after bulk data.
    const scaleUrl = databaseUrl ?? `sqlite:${join(dataDir, "nsc.db")}`;
    const built = await buildScaleData({
      databaseUrl: scaleUrl,
      workspaceId: nsc.workspaceId,
      instances: plan.instances,
      auditRows: plan.auditRows,
    });
    await issueNsc(plan.phaseMs / 2);
    const scaled = await issueNsc(plan.phaseMs);
    const auditPage = await runLoad({
      url: `${nsc.server.url}/v1/audit?limit=50`,
      method: "GET",
      headers: () => ({ authorization: `Bearer ${nsc.admin}` }),
      concurrency: 1,
      durationMs: plan.jwksMs,
    });
    const auditFiltered = await runLoad({
      url: `${nsc.server.url}/v1/audit?limit=50&action=tailscale_spec`,
      method: "GET",
      headers: () => ({ authorization: `Bearer ${nsc.admin}` }),
      concurrency: 1,
      durationMs: plan.jwksMs,
    });
    console.log(
      `\n## Scale (+${fmt(plan.instances)} instances, +${fmt(plan.auditRows)} audit rows, built in ${built.seconds.toFixed(1)} s)`,
    );
    print("ID tokens at scale", scaled);
    print("GET /v1/audit?limit=50", auditPage);
    print("GET /v1/audit?limit=50&action=tailscale_spec", auditFiltered);
    show(
      "scale",
      "ID tokens at scale / empty",
      scaled.perSecond / peak.perSecond,
      "%",
      atLeast("≥ 90 %", 0.9),
    );
    show(
      "scale",
      "audit listing p99",
      Math.max(auditPage.p99, auditFiltered.p99),
      "ms",
      atMost("≤ 50 ms", 50),
    );

    // 8. Memory under a constant load of half the peak.
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(nsc.server.rssMiB()), 1000);
    const steady = await issueNsc(plan.memoryMs, peak.perSecond / 2);
    clearInterval(sampler);
    const lastHalf = samples.slice(Math.floor(samples.length / 2));
    const mean = lastHalf.reduce((a, b) => a + b, 0) / Math.max(1, lastHalf.length);
    const spread = Math.max(...lastHalf.map((s) => Math.abs(s - mean) / mean));
    console.log(`\n## Memory (RS256 server)`);
    console.log(
      `RSS over ${plan.memoryMs / 1000} s at ${fmt(peak.perSecond / 2)}/s: ${samples.map((s) => s.toFixed(0)).join(" ")} MiB; ${fmt(steady.requests)} tokens, ${steady.errors} errors`,
    );
    show("memory", "RSS at idle", idleRss, "MiB");
    show("memory", "RSS at the end of the constant load", samples.at(-1) ?? NaN, "MiB");
    show("memory", "RSS spread over the last half", spread, "%", atMost("±10 %", 0.1));
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(esDir, { recursive: true, force: true });
  }
  return figures;
}

interface NscServer {
  readonly server: BenchProcess;
  readonly admin: string;
  readonly workspaceId: string;
}

async function startNsc(
  dataDir: string,
  alg: SigningAlg,
  databaseUrl: string | undefined,
): Promise<NscServer> {
  const args = [SERVER_BIN, "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--signing-alg", alg];
  if (databaseUrl !== undefined) args.push("--database-url", databaseUrl);
  const server = await startProcess(args, /"msg":"listening","url":"([^"]+)"/u);
  const admin = readFileSync(join(dataDir, "bootstrap-admin-token"), "utf8").trim();
  const workspace = (await (
    await fetch(`${server.url}/v1/workspace`, { headers: { authorization: `Bearer ${admin}` } })
  ).json()) as { id: string };
  const spec = await fetch(`${server.url}/v1/integrations/tailscale/corp`, {
    method: "PUT",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify({
      metadata_version: "0",
      spec: { oauth_client_id: "kBenchClient", tags: ["tag:ci"], enable_magic_dns: true },
    }),
  });
  if (spec.status !== 200) throw new Error(`setting the bench spec failed: HTTP ${spec.status}`);
  return { server, admin, workspaceId: workspace.id };
}

async function registerWorkloads(nsc: NscServer, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${nsc.server.url}/v1/instances`, {
      method: "POST",
      headers: { authorization: `Bearer ${nsc.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "generic", ttl_secs: 86_400, tailscale_spec: "corp" }),
    });
    if (res.status !== 201) throw new Error(`registering an instance failed: HTTP ${res.status}`);
    tokens.push(((await res.json()) as { workload_token: string }).workload_token);
  }
  return tokens;
}

/** The fastest of some rounds (the others met more interference from this shared machine). */
function best(results: readonly LoadResult[]): LoadResult {
  const [fastest] = [...results].sort((a, b) => b.perSecond - a.perSecond);
  if (fastest === undefined) throw new Error("no rounds were run");
  return fastest;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function print(label: string, r: LoadResult): void {
  console.log(
    `${label}: ${fmt(r.perSecond)}/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (${r.requests} ok, ${r.errors} errors)`,
  );
}

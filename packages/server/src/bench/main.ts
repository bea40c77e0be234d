import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLoad, type LoadResult } from "./load.js";
import { measureRawSigning } from "./raw-signing.js";
import { isSigningAlg, type SigningAlg } from "../signing/signing-alg.js";

/**
 * `npm run bench`: measures, in one run on this machine, the raw signing rate (the physical limit), ID
 * tokens per second through a real `nsc-server` process over HTTP with concurrent workload clients
 * (p50/p99), the p99 at half of that peak, and JWKS requests per second. Environment: NSC_BENCH_ALG
 * (RS256|ES256, default RS256), NSC_BENCH_SECONDS (per phase, default 5), NSC_BENCH_CONCURRENCY (workload
 * clients, default 64), NSC_BENCH_DATABASE_URL (default
 * SQLite in a temporary directory).
 */
async function main(): Promise<void> {
  const algName = process.env.NSC_BENCH_ALG ?? "RS256";
  if (!isSigningAlg(algName)) throw new Error(`NSC_BENCH_ALG must be RS256 or ES256, not ${algName}`);
  const alg: SigningAlg = algName;
  const phaseMs = Number(process.env.NSC_BENCH_SECONDS ?? "5") * 1000;
  const concurrency = Number(process.env.NSC_BENCH_CONCURRENCY ?? "64");

  console.log(`nsc benchmark: ${alg}, ${phaseMs / 1000} s per phase, ${concurrency} concurrent clients`);
  const raw = await measureRawSigning(alg, phaseMs);
  console.log(`raw signing (one core, no HTTP, no database): ${raw.oneCore.toFixed(0)} tokens/s`);

  const dataDir = mkdtempSync(join(tmpdir(), "nsc-bench-"));
  const server = await startServer(dataDir, alg);
  try {
    const admin = readFileSync(join(dataDir, "bootstrap-admin-token"), "utf8").trim();
    const workloads: string[] = [];
    for (let i = 0; i < concurrency; i++) workloads.push(await registerInstance(server.url, admin));

    const headers = (i: number): Record<string, string> => ({
      authorization: `Bearer ${workloads[i % workloads.length] ?? ""}`,
      "content-type": "application/json",
    });
    const body = (): string => JSON.stringify({ audience: "api.tailscale.com/kBenchClient" });
    const issue = (ratePerSecond?: number): Promise<LoadResult> =>
      runLoad({
        url: `${server.url}/v1/id-token`,
        method: "POST",
        headers,
        body,
        concurrency,
        durationMs: phaseMs,
        ...(ratePerSecond === undefined ? {} : { ratePerSecond }),
      });

    await issue(); // warm-up: JIT, connection pools, SQLite page cache
    const peak = await issue();
    print("ID tokens over HTTP, peak", peak);
    const half = await issue(peak.perSecond / 2);
    print(`ID tokens over HTTP at half of peak (${(peak.perSecond / 2).toFixed(0)}/s offered)`, half);
    const jwks = await runLoad({
      url: `${server.url}/.well-known/jwks`,
      method: "GET",
      headers: () => ({}),
      concurrency,
      durationMs: phaseMs,
    });
    print("JWKS", jwks);
    console.log(`issuance / raw signing: ${((peak.perSecond / raw.oneCore) * 100).toFixed(1)} %`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function print(label: string, r: LoadResult): void {
  console.log(
    `${label}: ${r.perSecond.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (${r.requests} ok, ${r.errors} errors)`,
  );
}

async function registerInstance(url: string, admin: string): Promise<string> {
  const res = await fetch(`${url}/v1/instances`, {
    method: "POST",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify({ kind: "generic", ttl_secs: 3600 }),
  });
  if (res.status !== 201) throw new Error(`registering an instance failed: HTTP ${res.status}`);
  return ((await res.json()) as { workload_token: string }).workload_token;
}

async function startServer(
  dataDir: string,
  alg: SigningAlg,
): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = new URL("../../bin/nsc-server.js", import.meta.url).pathname;
  const args = [bin, "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--signing-alg", alg];
  const databaseUrl = process.env.NSC_BENCH_DATABASE_URL;
  if (databaseUrl !== undefined) args.push("--database-url", databaseUrl);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      err += d.toString();
      const match = /"msg":"listening","url":"([^"]+)"/u.exec(err);
      if (match?.[1] !== undefined) {
        // From here on the request log is read and dropped, as a log shipper would.
        child.stderr.off("data", onData);
        child.stderr.on("data", () => undefined);
        resolve(match[1]);
      }
    };
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      reject(new Error(`nsc-server exited with ${String(code)}: ${err}`));
    });
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => {
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

await main();

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  buildIdTokenClaims,
  parseAudience,
  type IdTokenClaims,
  type InstanceId,
  type WorkspaceId,
} from "@nsc/core";
import { generateSigningKey } from "../signing/generate-signing-key.js";
import { createIdTokenSigner, type IdTokenSigner } from "../signing/id-token-signer.js";
import type { SigningAlg } from "../signing/signing-alg.js";

/** Signing rates (tokens per second) of the ways a server could sign. */
export interface RawSigningRates {
  /** One thread, synchronous `crypto.sign`: one core's limit. */
  readonly oneCore: number;
  /** One worker thread per core, each signing in a loop: the machine's limit. */
  readonly allCores: number;
  /** The same workers, fed claims by the main thread in batches and returning tokens (the hand-off's cost). */
  readonly workersBatched: number;
  /** Asynchronous `crypto.sign` on libuv's thread pool, called from one event loop (what the server does). */
  readonly threadPool: number;
  readonly cores: number;
}

/** Claims of the shape the server signs, built fresh for each token. */
export function benchClaims(n: number): IdTokenClaims {
  return buildIdTokenClaims({
    issuer: "https://nsc.example.com",
    workspaceId: "ws-aaaaaaaaaaaaaaaa" as WorkspaceId,
    instanceId: "in-aaaaaaaaaaaaaaaa" as InstanceId,
    instanceKind: "runner",
    audience: parseAudience("api.tailscale.com/kBenchClient"),
    now: Date.now(),
    lifetimeSecs: 600,
    jti: `jti-${n}`,
  });
}

/**
 * The physical limit of issuance, measured with the server's own signer: claims built fresh for each
 * token, no HTTP and no database; on one core, on every core, and the two ways of using every core.
 */
export async function measureRawSigning(alg: SigningAlg, durationMs: number): Promise<RawSigningRates> {
  const key = await generateSigningKey({ alg });
  const signer = createIdTokenSigner({ kid: key.kid, alg, privateKey: key.privateKeyPkcs8Pem });
  const cores = availableParallelism();
  const oneCore = signSyncFor(signer, durationMs);
  const threadPool = await signAsyncFor(signer, durationMs, cores * 16);
  const allCores = await inWorkers(cores, { kid: key.kid, alg, pem: key.privateKeyPkcs8Pem }, durationMs, 0);
  const workersBatched = await inWorkers(
    cores,
    { kid: key.kid, alg, pem: key.privateKeyPkcs8Pem },
    durationMs,
    16,
  );
  return { oneCore, allCores, workersBatched, threadPool, cores };
}

function signSyncFor(signer: IdTokenSigner, durationMs: number): number {
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    for (let i = 0; i < 20; i++) signer.signSync(benchClaims(count++));
  }
  return count / ((performance.now() - started) / 1000);
}

async function signAsyncFor(signer: IdTokenSigner, durationMs: number, inFlight: number): Promise<number> {
  let count = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const lane = async (): Promise<void> => {
    while (performance.now() < deadline) {
      await signer.sign(benchClaims(count));
      count++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return count / ((performance.now() - started) / 1000);
}

interface WorkerKey {
  readonly kid: string;
  readonly alg: SigningAlg;
  readonly pem: string;
}

/** `batch` 0: each worker signs in a loop by itself; else the main thread sends claims `batch` at a time. */
async function inWorkers(
  threads: number,
  key: WorkerKey,
  durationMs: number,
  batch: number,
): Promise<number> {
  const url = new URL("./signing-worker.js", import.meta.url);
  const workers = Array.from({ length: threads }, () => new Worker(url, { workerData: { key } }));
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) =>
          w.once("message", () => {
            resolve();
          }),
        ),
    ),
  );
  const started = performance.now();
  const deadline = started + durationMs;
  let count = 0;
  try {
    if (batch === 0) {
      const counts = await Promise.all(
        workers.map(
          (w) =>
            new Promise<number>((resolve) => {
              w.once("message", (n: number) => {
                resolve(n);
              });
              w.postMessage({ kind: "loop", durationMs });
            }),
        ),
      );
      count = counts.reduce((a, b) => a + b, 0);
    } else {
      await Promise.all(
        workers.map(async (w) => {
          // One batch in flight per worker: the hand-off cost is paid once per batch.
          const send = (): Promise<number> =>
            new Promise((resolve) => {
              w.once("message", (tokens: string[]) => {
                resolve(tokens.length);
              });
              w.postMessage({
                kind: "batch",
                claims: Array.from({ length: batch }, (_, i) => benchClaims(count + i)),
              });
            });
          while (performance.now() < deadline) count += await send();
        }),
      );
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return count / ((performance.now() - started) / 1000);
}

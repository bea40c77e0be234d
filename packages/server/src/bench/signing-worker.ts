import { parentPort, workerData } from "node:worker_threads";
import type { IdTokenClaims } from "@nsc/core";
import { createIdTokenSigner } from "../signing/id-token-signer.js";
import type { SigningAlg } from "../signing/signing-alg.js";
import { benchClaims } from "./raw-signing.js";

// A signing thread for the raw-signing measurement: signs in a loop for a time, or signs batches of claims.
const { key } = workerData as { key: { kid: string; alg: SigningAlg; pem: string } };
const signer = createIdTokenSigner({ kid: key.kid, alg: key.alg, privateKey: key.pem });
const port = parentPort;
if (port === null) throw new Error("signing-worker runs only as a worker thread");
port.on(
  "message",
  (message: { kind: "loop"; durationMs: number } | { kind: "batch"; claims: IdTokenClaims[] }) => {
    if (message.kind === "loop") {
      let count = 0;
      const started = performance.now();
      while (performance.now() - started < message.durationMs) {
        for (let i = 0; i < 20; i++) signer.signSync(benchClaims(count++));
      }
      port.postMessage(count);
    } else {
      port.postMessage(message.claims.map((claims) => signer.signSync(claims)));
    }
  },
);
port.postMessage("ready");

import { buildIdTokenClaims, parseAudience, type InstanceId, type WorkspaceId } from "@nsc/core";
import { generateSigningKey } from "../signing/generate-signing-key.js";
import { createIdTokenSigner } from "../signing/id-token-signer.js";
import type { SigningAlg } from "../signing/signing-alg.js";

/**
 * The physical limit of issuance: how many ID tokens one core signs per second with the same code the
 * server uses, claims built fresh for each token, no HTTP and no database.
 */
export async function measureRawSigning(alg: SigningAlg, durationMs: number): Promise<number> {
  const key = await generateSigningKey({ alg });
  const signer = createIdTokenSigner({ kid: key.kid, alg, privateKey: key.privateKeyPkcs8Pem });
  const audience = parseAudience("api.tailscale.com/kBenchClient");
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    for (let i = 0; i < 50; i++) {
      signer.sign(
        buildIdTokenClaims({
          issuer: "https://nsc.example.com",
          workspaceId: "ws-aaaaaaaaaaaaaaaa" as WorkspaceId,
          instanceId: "in-aaaaaaaaaaaaaaaa" as InstanceId,
          instanceKind: "runner",
          audience,
          now: Date.now(),
          lifetimeSecs: 600,
          jti: `jti-${count}`,
        }),
      );
      count++;
    }
  }
  return count / ((performance.now() - started) / 1000);
}

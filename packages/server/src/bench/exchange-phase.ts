import { Agent, request } from "node:http";
import { runLoad, type LoadResult } from "./load.js";

/** What the exchange phase needs: nsc, the peer as the external issuer, and how long to run. */
export interface ExchangePhaseOptions {
  readonly nscUrl: string;
  readonly adminToken: string;
  readonly workspaceId: string;
  /** The peer's issuer URL, client ID and secret (its access tokens are the external tokens). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The audience of the peer's access tokens. */
  readonly audience: string;
  readonly concurrency: number;
  readonly durationMs: number;
  /** Tokens minted for the measured run (each is exchanged once: a repeat would be the idempotent path). */
  readonly tokens: number;
}

/** The measured exchanges, and the issuer's JWKS fetches during the warm-up and during the measured run. */
export interface ExchangePhaseResult {
  readonly load: LoadResult;
  readonly warmUpFetches: number;
  readonly measuredFetches: number;
  /** Whether the measured run used up its tokens before its time was over. */
  readonly exhausted: boolean;
}

/**
 * Exchanges per second with a warm JWKS cache: a trust relationship for the peer's client, a pool of the
 * peer's RS256 access tokens minted beforehand (each a distinct `jti`, so every exchange creates an
 * instance, its workload token and an audit row), one warm-up exchange that fetches the peer's JWKS, then
 * the closed-loop run. The JWKS fetches are counted at the issuer, so a per-request fetch cannot hide.
 */
export async function runExchangePhase(options: ExchangePhaseOptions): Promise<ExchangePhaseResult> {
  const relationship = await fetch(`${options.nscUrl}/v1/trust-relationships`, {
    method: "POST",
    headers: { authorization: `Bearer ${options.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "bench-peer",
      issuer: options.issuer,
      audience: options.audience,
      subject_match: options.clientId,
      kind: "generic",
      tailscale_spec: "corp",
    }),
  });
  if (relationship.status !== 201) {
    throw new Error(`adding the bench's trust relationship failed: HTTP ${relationship.status}`);
  }
  const tokens = await mintTokens(options, options.tokens + 1);
  const exchange = (pool: readonly string[], durationMs: number): Promise<LoadResult> => {
    let next = 0;
    return runLoad({
      url: `${options.nscUrl}/v1/auth/exchange-oidc-token`,
      method: "POST",
      headers: () => ({ "content-type": "application/json" }),
      body: () => JSON.stringify({ workspace_id: options.workspaceId, token: pool[next++] ?? "" }),
      concurrency: Math.min(options.concurrency, pool.length),
      durationMs,
      limit: pool.length,
    });
  };
  const fetches0 = await jwksFetches(options.issuer);
  const warm = await exchange(tokens.slice(0, 1), 30_000);
  if (warm.errors > 0) throw new Error("the warm-up exchange failed");
  const fetches1 = await jwksFetches(options.issuer);
  const load = await exchange(tokens.slice(1), options.durationMs);
  const fetches2 = await jwksFetches(options.issuer);
  return {
    load,
    warmUpFetches: fetches1 - fetches0,
    measuredFetches: fetches2 - fetches1,
    exhausted: load.requests + load.errors >= tokens.length - 1,
  };
}

async function jwksFetches(issuer: string): Promise<number> {
  return Number(await (await fetch(`${issuer}/bench/jwks-fetches`)).text());
}

/** Mints `count` access tokens from the peer, a few requests at a time. */
async function mintTokens(options: ExchangePhaseOptions, count: number): Promise<string[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const target = new URL(`${options.issuer}/token`);
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: options.clientId,
    client_secret: options.clientSecret,
  }).toString();
  const tokens: string[] = [];
  const one = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
        (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => {
            const token = (JSON.parse(text) as { access_token?: unknown }).access_token;
            if (res.statusCode === 200 && typeof token === "string") resolve(token);
            else reject(new Error(`the peer did not mint a token: HTTP ${String(res.statusCode)}`));
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started += 1;
      tokens.push(await one());
    }
  };
  try {
    await Promise.all(Array.from({ length: 16 }, () => worker()));
  } finally {
    agent.destroy();
  }
  return tokens;
}

import { createHmac, randomUUID } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import {
  calculateJwkThumbprint,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
} from "jose";
import { systemClock, type Clock } from "../clock/clock.js";
import { makeSelfSignedCert } from "./self-signed-cert.js";

/** Faults the issuer's JWKS endpoint can be told to show. */
export type JwksFault =
  | { readonly kind: "hang" }
  | { readonly kind: "redirect"; readonly location: string }
  | { readonly kind: "huge"; readonly bytes: number }
  | { readonly kind: "status"; readonly status: number };

/** Settings of {@link startExternalIssuer}. */
export interface ExternalIssuerOptions {
  /** Serve https with a fresh self-signed certificate (see `caPem`); default plain http on 127.0.0.1. */
  readonly https?: boolean;
  /** `iat`/`nbf`/`exp` come from this clock; default the wall clock. */
  readonly clock?: Clock;
  /** Algorithm of the keys: RS256 (default, as GitHub and most clusters) or ES256. */
  readonly alg?: "RS256" | "ES256";
  /** Path of the JWKS: `/openid/v1/jwks` (default, as Kubernetes) or GitHub's `/.well-known/jwks`. */
  readonly jwksPath?: string;
  /** `Cache-Control` of the JWKS; default Kubernetes' `public, max-age=3600`. */
  readonly cacheControl?: string;
}

/** A Kubernetes projected service-account token's particulars. */
export interface KubernetesTokenInput {
  readonly audience: string | readonly string[];
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly pod?: string;
  readonly node?: string;
  /** Default 3600 (the projected-volume default). */
  readonly lifetimeSecs?: number;
  /** Older clusters issue no `jti` and no `node`/`warnafter`. */
  readonly legacy?: boolean;
}

/** A GitHub Actions OIDC token's particulars. */
export interface GithubTokenInput {
  readonly audience: string;
  /** `owner/repo`. */
  readonly repository: string;
  /** Default `refs/heads/main`. */
  readonly ref?: string;
  /** Makes the subject `repo:…:environment:<env>`. */
  readonly environment?: string;
  /** Default `self-hosted`. */
  readonly runnerEnvironment?: "github-hosted" | "self-hosted";
  /** Default `.github/workflows/ci.yml`. */
  readonly workflowFile?: string;
}

/**
 * A test-only external OIDC issuer, shaped like the Kubernetes service-account issuer and GitHub Actions'
 * issuer (`reference/oidc-issuers.md`): discovery, a JWKS with `Cache-Control`, key rotation, and GitHub's
 * ID-token request endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`).
 */
export interface ExternalIssuer {
  /** The issuer URL, no trailing slash (`https://127.0.0.1:PORT` with `https`). */
  readonly url: string;
  /** The certificate to trust with `https` (PEM), else undefined. */
  readonly caPem: string | undefined;
  /** The signing key's `kid` (RFC 7638 thumbprint, as Kubernetes makes it). */
  readonly currentKid: string;
  kubernetesToken(input: KubernetesTokenInput): Promise<string>;
  githubToken(input: GithubTokenInput): Promise<string>;
  /** Signs arbitrary claims (defaults: iss, iat, nbf, exp = +600 s) with the current key. */
  sign(
    claims: Readonly<Record<string, unknown>>,
    header?: Readonly<Record<string, unknown>>,
  ): Promise<string>;
  /** The same claims with `alg: none` and no signature. */
  unsigned(claims: Readonly<Record<string, unknown>>): string;
  /** HS256 "signed" with the current public key's PEM as the secret: the classic key-confusion attack. */
  hmacWithPublicKey(claims: Readonly<Record<string, unknown>>): Promise<string>;
  /**
   * Rotates keys as Kubernetes does: publishes a new key and signs with it. With `retireOld`, the old
   * key is no longer published.
   */
  rotate(options?: { readonly retireOld?: boolean }): Promise<string>;
  /** Makes the JWKS endpoint misbehave; `undefined` restores it. */
  setJwksFault(fault: JwksFault | undefined): void;
  /** Makes discovery announce another issuer (`undefined` restores it). */
  setDiscoveryIssuer(issuer: string | undefined): void;
  /** For GitHub-shaped jobs: the `ACTIONS_ID_TOKEN_REQUEST_URL`/`_TOKEN` that hand out GitHub tokens. */
  readonly actionsTokenRequest: { readonly url: string; readonly token: string };
  /** The GitHub token the request endpoint signs (repository etc.); the audience comes from the query. */
  setActionsJob(job: Omit<GithubTokenInput, "audience">): void;
  /** The JWKS as published now (for relationships given the JWKS inline). */
  publicJwks(): { readonly keys: readonly JWK[] };
  fetchCounts(): { readonly discovery: number; readonly jwks: number };
  close(): Promise<void>;
}

interface Key {
  readonly kid: string;
  readonly alg: "RS256" | "ES256";
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: JWK;
  published: boolean;
}

async function makeKey(alg: "RS256" | "ES256"): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, alg, privateKey, publicKey, jwk: { ...jwk, kid, alg, use: "sig" }, published: true };
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * Starts the issuer on a loopback port.
 *
 * @example
 * const issuer = await startExternalIssuer({ https: true });
 * const jwt = await issuer.kubernetesToken({ audience: "nsc", namespace: "arc-runners", serviceAccount: "runner" });
 */
export async function startExternalIssuer(options: ExternalIssuerOptions = {}): Promise<ExternalIssuer> {
  const clock = options.clock ?? systemClock;
  const alg = options.alg ?? "RS256";
  const jwksPath = options.jwksPath ?? "/openid/v1/jwks";
  const keys: Key[] = [await makeKey(alg)];
  const counts = { discovery: 0, jwks: 0 };
  const actionsToken = `actions-${randomUUID()}`;
  let fault: JwksFault | undefined;
  let discoveryIssuer: string | undefined;
  let job: Omit<GithubTokenInput, "audience"> = { repository: "acme/app" };
  let url = "";
  const cert = options.https === true ? makeSelfSignedCert() : undefined;
  const current = (): Key => keys[keys.length - 1] as Key;

  const now = (): number => Math.floor(clock.now() / 1000);
  const sign = async (
    claims: Readonly<Record<string, unknown>>,
    header: Readonly<Record<string, unknown>> = {},
  ): Promise<string> => {
    const key = current();
    const t = now();
    const payload = Object.fromEntries(
      Object.entries({ iss: url, iat: t, nbf: t, exp: t + 600, ...claims } as Record<string, unknown>).filter(
        ([, v]) => v !== undefined,
      ),
    );
    return new SignJWT(payload)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, ...header })
      .sign(key.privateKey);
  };
  const githubToken = (input: GithubTokenInput): Promise<string> => {
    const t = now();
    const ref = input.ref ?? "refs/heads/main";
    const workflow = input.workflowFile ?? ".github/workflows/ci.yml";
    const [owner = "acme"] = input.repository.split("/");
    const sub =
      input.environment === undefined
        ? `repo:${input.repository}:ref:${ref}`
        : `repo:${input.repository}:environment:${input.environment}`;
    return sign(
      {
        jti: randomUUID(),
        sub,
        aud: input.audience,
        ref,
        sha: "0123456789abcdef0123456789abcdef01234567",
        repository: input.repository,
        repository_id: "123456789",
        repository_owner: owner,
        repository_owner_id: "987654",
        run_id: "4242424242",
        run_number: "7",
        run_attempt: "1",
        repository_visibility: "private",
        actor: "octocat",
        actor_id: "583231",
        workflow: "CI",
        workflow_ref: `${input.repository}/${workflow}@${ref}`,
        job_workflow_ref: `${input.repository}/${workflow}@${ref}`,
        event_name: "push",
        ref_type: "branch",
        ...(input.environment === undefined ? {} : { environment: input.environment }),
        runner_environment: input.runnerEnvironment ?? "self-hosted",
        iat: t,
        nbf: t - 300,
        exp: t + 6 * 3600,
      },
      { typ: "JWT", x5t: Buffer.from(current().kid).subarray(0, 20).toString("base64url") },
    );
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = (request.url ?? "/").split("?", 1)[0];
    const json = (
      status: number,
      body: unknown,
      type = "application/json",
      extra: Record<string, string> = {},
    ) => {
      const text = JSON.stringify(body);
      response.writeHead(status, {
        "content-type": type,
        "content-length": Buffer.byteLength(text),
        ...extra,
      });
      response.end(text);
    };
    if (path === "/.well-known/openid-configuration") {
      counts.discovery += 1;
      json(200, {
        issuer: discoveryIssuer ?? url,
        jwks_uri: `${url}${jwksPath}`,
        response_types_supported: ["id_token"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: [
          ...new Set(keys.filter((k) => k.published).map((k) => k.alg)),
        ],
      });
      return;
    }
    if (path === jwksPath) {
      counts.jwks += 1;
      switch (fault?.kind) {
        case "hang":
          return;
        case "redirect":
          response.writeHead(302, { location: fault.location });
          response.end();
          return;
        case "huge": {
          response.writeHead(200, { "content-type": "application/json" });
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          let left = fault.bytes;
          const pump = (): void => {
            while (left > 0) {
              left -= chunk.length;
              if (!response.write(chunk)) {
                response.once("drain", pump);
                return;
              }
            }
            response.end();
          };
          response.on("error", () => undefined);
          pump();
          return;
        }
        case "status":
          json(fault.status, { error: "fault" });
          return;
        case undefined:
          json(200, { keys: keys.filter((k) => k.published).map((k) => k.jwk) }, "application/jwk-set+json", {
            "cache-control": options.cacheControl ?? "public, max-age=3600",
          });
          return;
        default:
          return fault satisfies never;
      }
    }
    if (path === "/_apis/actions-token") {
      if (request.headers.authorization !== `bearer ${actionsToken}`) {
        json(401, { message: "bad token" });
        return;
      }
      const audience = new URL(request.url ?? "/", url).searchParams.get("audience");
      void githubToken({ ...job, audience: audience ?? "https://github.com/acme" }).then((value) => {
        json(200, { count: value.length, value });
      });
      return;
    }
    json(404, { error: "not found" });
  };
  const server =
    cert === undefined
      ? createHttpServer(handle)
      : createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  url = `${cert === undefined ? "http" : "https"}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    caPem: cert?.certPem,
    get currentKid() {
      return current().kid;
    },
    actionsTokenRequest: { url: `${url}/_apis/actions-token?api-version=2.0`, token: actionsToken },
    kubernetesToken: (input) => {
      const t = now();
      const lifetime = input.lifetimeSecs ?? 3600;
      const pod = input.pod ?? `${input.serviceAccount}-pod-7d9f`;
      return sign({
        aud: typeof input.audience === "string" ? [input.audience] : [...input.audience],
        exp: t + lifetime,
        iat: t,
        nbf: t,
        ...(input.legacy === true ? {} : { jti: randomUUID() }),
        sub: `system:serviceaccount:${input.namespace}:${input.serviceAccount}`,
        "kubernetes.io": {
          namespace: input.namespace,
          pod: { name: pod, uid: randomUUID() },
          serviceaccount: { name: input.serviceAccount, uid: randomUUID() },
          ...(input.legacy === true
            ? {}
            : {
                node: { name: input.node ?? "node-1", uid: randomUUID() },
                warnafter: t + Math.floor(lifetime * 0.8),
              }),
        },
      });
    },
    githubToken,
    sign,
    unsigned: (claims) => {
      const t = now();
      return `${b64({ alg: "none", typ: "JWT" })}.${b64({ iss: url, iat: t, nbf: t, exp: t + 600, ...claims })}.`;
    },
    hmacWithPublicKey: async (claims) => {
      const t = now();
      const input = `${b64({ alg: "HS256", typ: "JWT", kid: current().kid })}.${b64({ iss: url, iat: t, nbf: t, exp: t + 600, ...claims })}`;
      const secret = await exportSPKI(current().publicKey);
      return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
    },
    rotate: async (rotateOptions = {}) => {
      const old = current();
      const key = await makeKey(alg);
      keys.push(key);
      if (rotateOptions.retireOld === true) old.published = false;
      return key.kid;
    },
    setJwksFault: (next) => {
      fault = next;
    },
    setDiscoveryIssuer: (issuer) => {
      discoveryIssuer = issuer;
    },
    setActionsJob: (next) => {
      job = next;
    },
    publicJwks: () => ({ keys: keys.filter((k) => k.published).map((k) => k.jwk) }),
    fetchCounts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, request } from "node:https";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { makeSelfSignedCert } from "@nsc/testkit";

/**
 * panva's `oidc-provider` as an independent external issuer: https on loopback with its own self-signed
 * CA, one confidential client that gets RS256 JWT access tokens with the client credentials grant (its
 * `sub` is the client ID, its `aud` the requested resource).
 */
export interface ProviderIssuer {
  /** The issuer URL, exactly as the tokens' `iss`. */
  readonly url: string;
  /** The CA that signed the issuer's TLS certificate (PEM), for `--trust-ca-file`. */
  readonly caPem: string;
  readonly clientId: string;
  /** A fresh access token for `resource` (its audience). */
  token(resource: string): Promise<string>;
  /** The `kid` of the key new tokens are signed with. */
  activeKid(): string;
  /**
   * Rotates the signing key: a new key signs from now on, and the published JWKS holds it first and the
   * old ones after it, as a provider publishes keys during a rotation.
   */
  rotate(): void;
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  close(): Promise<void>;
}

interface SigningJwk extends Record<string, unknown> {
  readonly kid: string;
}

function newKey(): SigningJwk {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = `k-${randomBytes(6).toString("hex")}`;
  return { ...privateKey.export({ format: "jwk" }), alg: "RS256", use: "sig", kid };
}

/** Starts the provider; see {@link ProviderIssuer}. */
export async function startProviderIssuer(): Promise<ProviderIssuer> {
  const cert = makeSelfSignedCert();
  const clientId = "runner-pool";
  const clientSecret = randomBytes(24).toString("base64url");
  let keys: SigningJwk[] = [newKey()];
  let jwksFetches = 0;
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    if ((req.url ?? "").startsWith("/jwks")) jwksFetches += 1;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `https://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const configure = (): void => {
    const provider = new Provider(url, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          grant_types: ["client_credentials"],
          redirect_uris: [],
          response_types: [],
          token_endpoint_auth_method: "client_secret_post",
        },
      ],
      jwks: { keys },
      features: {
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx: unknown, resource: string) => ({
            scope: "",
            audience: resource,
            accessTokenTTL: 600,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          }),
        },
      },
    });
    handler = provider.callback();
  };
  configure();

  const token = (resource: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const body = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
        resource,
      }).toString();
      const req = request(
        `${url}/token`,
        {
          method: "POST",
          ca: cert.certPem,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
        (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => {
            const answer = JSON.parse(text) as { access_token?: string };
            if (res.statusCode === 200 && answer.access_token !== undefined) resolve(answer.access_token);
            else reject(new Error(`oidc-provider answered ${String(res.statusCode)}: ${text}`));
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  return {
    url,
    caPem: cert.certPem,
    clientId,
    token,
    activeKid: () => keys[0]?.kid ?? "",
    rotate: () => {
      keys = [newKey(), ...keys];
      configure();
    },
    jwksFetches: () => jwksFetches,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

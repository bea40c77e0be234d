import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

// The bench's peer: panva's oidc-provider issuing RS256 JWT access tokens for the client credentials
// grant, in its own process. Prints `peer listening <url> <client_id> <client_secret>` when ready. It is
// also the external issuer of the exchange phase, so it counts the GETs of its JWKS and answers the count
// at `/bench/jwks-fetches`.
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: "jwk" }), alg: "RS256", use: "sig", kid: "peer" };
const clientSecret = randomBytes(24).toString("base64url");
const resource = "https://api.bench.example";

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "bench",
      client_secret: clientSecret,
      grant_types: ["client_credentials"],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  jwks: { keys: [jwk] },
  features: {
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: "",
        audience: resource,
        accessTokenTTL: 600,
        accessTokenFormat: "jwt",
        jwt: { sign: { alg: "RS256" } },
      }),
    },
  },
});
const callback = provider.callback();
let jwksFetches = 0;
server.on("request", (req: IncomingMessage, res: ServerResponse) => {
  if (req.url === "/bench/jwks-fetches") {
    res.writeHead(200, { "content-type": "text/plain" }).end(String(jwksFetches));
    return;
  }
  if (req.url?.startsWith("/jwks") === true) jwksFetches += 1;
  callback(req, res);
});
process.stdout.write(`peer listening ${issuer} bench ${clientSecret}\n`);

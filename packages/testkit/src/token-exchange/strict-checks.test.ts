import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { postExchange, startFederation, type FederationFixture } from "../test-support/federation-fixture.js";

// Each test names the line of ../shared/reference/tailscale-wif.md it pins.
describe("token exchange: checked exactly as far as the facts go, strictly where they stop", () => {
  let fx: FederationFixture;
  before(async () => {
    fx = await startFederation();
  });
  after(async () => {
    await fx.close();
  });

  const lastRejection = (): string | undefined => fx.emulator.state.rejections().at(-1)?.kind;

  // "tailscale-client-go-v2 … sends only client_id and jwt, no code, no grant_type, no Basic header:
  // inferred, the real endpoint requires neither grant_type nor code."
  it("accepts the form of tailscale-client-go-v2: client_id and jwt only, no Basic header", async () => {
    const response = await fetch(`${fx.emulator.url}/api/v2/oauth/token-exchange`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: fx.credential.clientId, jwt: await fx.token() }).toString(),
    });
    assert.equal(response.status, 200);
    assert.equal(typeof ((await response.json()) as { access_token?: unknown }).access_token, "string");
  });

  it("still refuses a grant_type no client sends", async () => {
    const response = await fetch(`${fx.emulator.url}/api/v2/oauth/token-exchange`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: fx.credential.clientId,
        grant_type: "client_credentials",
        jwt: await fx.token(),
      }).toString(),
    });
    assert.equal(response.status, 400);
  });

  // "No source states … a maximum lifetime … keep aud a string and lifetimes short."
  it("refuses a token living longer than an hour; accepts exactly an hour", async () => {
    const long = await fx.token({}, { lifetimeSeconds: 3601 });
    assert.equal((await postExchange(fx.emulator.url, fx.credential.clientId, long)).status, 403);
    assert.equal(lastRejection(), "lifetime_too_long");
    const hour = await fx.token({}, { lifetimeSeconds: 3600 });
    assert.equal((await postExchange(fx.emulator.url, fx.credential.clientId, hour)).status, 200);
  });
});

describe("token exchange: signing algorithms", () => {
  let fx: FederationFixture;
  before(async () => {
    fx = await startFederation();
  });
  after(async () => {
    await fx.close();
  });

  // "Tailscale's custom-OIDC SSO docs say ES256 or RSA with at least 2048-bit keys (nothing about ES384) —
  // sign RS256 or ES256 only."
  it("accepts ES256 and refuses ES384", async () => {
    const es256 = await fx.issuer.addKey("ES256");
    const ok = await fx.token({}, { kid: es256 });
    assert.equal((await postExchange(fx.emulator.url, fx.credential.clientId, ok)).status, 200);
    const es384 = await fx.issuer.addKey("ES384");
    const refused = await fx.token({}, { kid: es384 });
    assert.equal((await postExchange(fx.emulator.url, fx.credential.clientId, refused)).status, 403);
    assert.equal(fx.emulator.state.rejections().at(-1)?.kind, "alg_not_allowed");
  });
});

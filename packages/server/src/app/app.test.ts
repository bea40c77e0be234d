import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface ErrorJson {
  error: { code: string; message: string; field?: string };
}
const codeOf = (json: unknown): string => (json as ErrorJson).error.code;

for (const database of TEST_DATABASES) {
  describe(`HTTP request handling on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store, { maxBodyBytes: 1024 });
      admin = (await t.workspace()).adminToken;
    });
    after(async () => store.close());

    const rawPut = (body: string, contentType = "application/json") =>
      t.app.request("/v1/integrations/tailscale/corp", {
        method: "PUT",
        headers: { authorization: `Bearer ${admin}`, "content-type": contentType },
        body,
      });

    it("answers health and readiness without a token", async () => {
      assert.deepEqual((await t.call("GET", "/healthz")).json, { status: "ok" });
      const ready = await t.call("GET", "/readyz");
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.json, { status: "ready", database: database.name });
    });

    it("rejects malformed JSON with invalid_json", async () => {
      const res = await rawPut('{"metadata_version": "0", ');
      assert.equal(res.status, 400);
      assert.equal(codeOf(await res.json()), "invalid_json");
    });

    it("rejects a body that is not JSON-typed with 415", async () => {
      const res = await rawPut("{}", "text/plain");
      assert.equal(res.status, 415);
      assert.equal(codeOf(await res.json()), "unsupported_media_type");
    });

    it("rejects an oversized body with 413 before parsing it", async () => {
      const big = JSON.stringify({
        metadata_version: "0",
        spec: { oauth_client_id: "x".repeat(2000), tags: ["tag:a"], enable_magic_dns: false },
      });
      const res = await rawPut(big);
      assert.equal(res.status, 413);
      assert.equal(codeOf(await res.json()), "body_too_large");
    });

    it("rejects unknown top-level fields and wrong types", async () => {
      const unknown = await t.call("PUT", "/v1/integrations/tailscale/corp", admin, {
        metadata_version: "0",
        spec: {},
        extra: 1,
      });
      assert.equal(unknown.status, 400);
      assert.match((unknown.json as ErrorJson).error.message, /unknown field "extra"/u);
      const wrongType = await t.call("PUT", "/v1/integrations/tailscale/corp", admin, {
        metadata_version: 0,
        spec: {},
      });
      assert.equal(wrongType.status, 400);
      assert.equal((wrongType.json as ErrorJson).error.field, "metadata_version");
      const notObject = await t.call("PUT", "/v1/integrations/tailscale/corp", admin, "[1,2]");
      assert.equal(notObject.status, 400);
      assert.equal(codeOf(notObject.json), "invalid_request");
    });

    it("answers unknown routes with route_not_found", async () => {
      const res = await t.call("GET", "/v1/nothing-here", admin);
      assert.equal(res.status, 404);
      assert.equal(codeOf(res.json), "route_not_found");
    });

    it("sends nosniff and no-store on every API answer, and lets the JWKS set its own caching", async () => {
      const answers = [
        await t.app.request("/healthz"),
        await t.app.request("/v1/workspace", { headers: { authorization: `Bearer ${admin}` } }),
        await t.app.request("/v1/workspace"),
        await t.app.request("/v1/nothing-here"),
        await rawPut("{", "application/json"),
      ];
      for (const res of answers) {
        assert.equal(res.headers.get("x-content-type-options"), "nosniff", `${res.status} ${res.url}`);
        assert.equal(res.headers.get("cache-control"), "no-store", `${res.status} ${res.url}`);
      }
      const jwks = await t.app.request("/.well-known/jwks");
      assert.equal(jwks.headers.get("x-content-type-options"), "nosniff");
      assert.match(jwks.headers.get("cache-control") ?? "", /^public, max-age=\d+$/u);
      const etag = jwks.headers.get("etag") ?? "";
      const notModified = await t.app.request("/.well-known/jwks", { headers: { "if-none-match": etag } });
      assert.equal(notModified.status, 304);
      assert.match(notModified.headers.get("cache-control") ?? "", /^public, max-age=\d+$/u);
      assert.equal(notModified.headers.get("x-content-type-options"), "nosniff");
    });

    describe("authentication", () => {
      it("requires a bearer token", async () => {
        const none = await t.call("GET", "/v1/workspace");
        assert.equal(none.status, 401);
        assert.equal(codeOf(none.json), "unauthenticated");
        const basic = await t.app.request("/v1/workspace", { headers: { authorization: "Basic Og==" } });
        assert.equal(basic.status, 401);
      });

      it("rejects an unknown token without echoing it", async () => {
        const secret = "nsct_notarealtokenbutlongenough";
        const res = await t.call("GET", "/v1/workspace", secret);
        assert.equal(res.status, 401);
        assert.equal(JSON.stringify(res.json).includes(secret), false);
      });

      it("rejects a revoked token at once", async () => {
        const created = (await t.call("POST", "/v1/tokens", admin, { name: "short", role: "member" }))
          .json as {
          token: { id: string };
          secret: string;
        };
        assert.equal((await t.call("GET", "/v1/workspace", created.secret)).status, 200);
        assert.equal((await t.call("DELETE", `/v1/tokens/${created.token.id}`, admin)).status, 200);
        const res = await t.call("GET", "/v1/workspace", created.secret);
        assert.equal(res.status, 401);
        assert.match((res.json as ErrorJson).error.message, /revoked/u);
      });

      it("rejects an expired token with token_expired", async () => {
        const created = (
          await t.call("POST", "/v1/tokens", admin, { name: "brief", role: "member", expires_in_secs: 60 })
        ).json as {
          secret: string;
        };
        assert.equal((await t.call("GET", "/v1/workspace", created.secret)).status, 200);
        t.clock.advance(61_000);
        const res = await t.call("GET", "/v1/workspace", created.secret);
        assert.equal(res.status, 401);
        assert.equal(codeOf(res.json), "token_expired");
      });

      it("shows a token only its own workspace", async () => {
        const other = await t.workspace("other");
        const mine = (await t.call("GET", "/v1/workspace", admin)).json as { id: string; tenant_id: string };
        const theirs = (await t.call("GET", "/v1/workspace", other.adminToken)).json as { id: string };
        assert.equal(theirs.id, other.id);
        assert.notEqual(theirs.id, mine.id);
        assert.equal(mine.tenant_id, mine.id);
      });
    });
  });
}

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeJwt } from "jose";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface Registered {
  instance: { id: string };
  workload_token: string;
}
interface ErrorJson {
  error: { code: string; message: string; field?: string };
}

for (const database of TEST_DATABASES) {
  void describe(`a workload speaks only for its own spec on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
      for (const name of ["corp", "oldc"]) {
        const version = (
          (await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string }
        ).metadata_version;
        await t.call("PUT", `/v1/integrations/tailscale/${name}`, admin, {
          metadata_version: version,
          spec: { oauth_client_id: `client-${name}`, tags: [`tag:${name}`], enable_magic_dns: false },
        });
      }
    });
    after(async () => store.close());

    const register = async (body: unknown): Promise<Registered> => {
      const res = await t.call("POST", "/v1/instances", admin, body);
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json as Registered;
    };
    const issue = (workload: string, audience: string, duration_secs?: number) =>
      t.call("POST", "/v1/id-token", workload, {
        audience,
        ...(duration_secs === undefined ? {} : { duration_secs }),
      });

    void it("refuses another spec's Tailscale audience, in any case, and says what to do", async () => {
      const corp = await register({ kind: "generic", tailscale_spec: "corp" });
      for (const audience of ["api.tailscale.com/client-oldc", "API.Tailscale.com/CLIENT-OLDC"]) {
        const res = await issue(corp.workload_token, audience);
        assert.equal(res.status, 403, audience);
        const error = (res.json as ErrorJson).error;
        assert.equal(error.code, "audience_not_allowed");
        assert.equal(error.field, "audience");
        assert.match(error.message, /belongs to Tailscale spec "oldc" and this instance's spec is "corp"/u);
        assert.match(error.message, /register an instance with spec "oldc"/u);
      }
      const none = await register({ kind: "generic" });
      const res = await issue(none.workload_token, "api.tailscale.com/client-corp");
      assert.equal(res.status, 403);
      assert.match((res.json as ErrorJson).error.message, /this instance has no Tailscale spec/u);
      const audit = (await t.call("GET", "/v1/audit?action=id_token", admin)).json as { events: unknown[] };
      assert.equal(audit.events.length, 0);
    });

    void it("still issues for its own spec's audience and for other relying parties", async () => {
      const corp = await register({ kind: "generic", tailscale_spec: "corp" });
      assert.equal((await issue(corp.workload_token, "api.tailscale.com/client-corp")).status, 200);
      assert.equal((await issue(corp.workload_token, "sts.amazonaws.com")).status, 200);
    });

    void it("refuses another spec's custom audience too, and issues for its own", async () => {
      const version = ((await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string })
        .metadata_version;
      const put = await t.call("PUT", "/v1/integrations/tailscale/custom", admin, {
        metadata_version: version,
        spec: {
          oauth_client_id: "client-custom",
          tags: ["tag:custom"],
          enable_magic_dns: false,
          audience: "aud-x/1",
        },
      });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      const corp = await register({ kind: "generic", tailscale_spec: "corp" });
      const refused = await issue(corp.workload_token, "aud-x/1");
      assert.equal(refused.status, 403);
      assert.match((refused.json as ErrorJson).error.message, /belongs to Tailscale spec "custom"/u);
      const custom = await register({ kind: "generic", tailscale_spec: "custom" });
      assert.equal((await issue(custom.workload_token, "aud-x/1")).status, 200);
    });

    void it("carries the spec name as tailscale_spec, advertised in claims_supported", async () => {
      const corp = await register({ kind: "generic", tailscale_spec: "corp" });
      const res = await issue(corp.workload_token, "sts.amazonaws.com");
      assert.equal(decodeJwt((res.json as { id_token: string }).id_token).tailscale_spec, "corp");
      const joined = (await t.call("POST", "/v1/workload/tailscale/join", corp.workload_token, {})).json as {
        id_token: string;
      };
      assert.equal(decodeJwt(joined.id_token).tailscale_spec, "corp");
      const none = await register({ kind: "generic" });
      const plain = await issue(none.workload_token, "sts.amazonaws.com");
      assert.equal("tailscale_spec" in decodeJwt((plain.json as { id_token: string }).id_token), false);
      const discovery = (await t.call("GET", "/.well-known/openid-configuration")).json as {
        claims_supported: string[];
      };
      assert.ok(discovery.claims_supported.includes("tailscale_spec"));
    });

    void it("never lets an ID token outlive its instance", async () => {
      const short = await register({ kind: "generic", tailscale_spec: "corp", ttl_secs: 120 });
      t.clock.advance(30_000);
      const res = await issue(short.workload_token, "sts.amazonaws.com", 3600);
      assert.equal(res.status, 200);
      const claims = decodeJwt((res.json as { id_token: string }).id_token);
      const instance = (await t.call("GET", `/v1/instances/${short.instance.id}`, admin)).json as {
        instance: { expires_at: string };
      };
      assert.equal(claims.exp, Math.floor(Date.parse(instance.instance.expires_at) / 1000));
      assert.ok((claims.exp ?? 0) - (claims.iat ?? 0) <= 90);
    });
  });
}

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface ErrorJson {
  error: { code: string; message: string };
}

/**
 * A request whose body is held back: `started` resolves when the server begins reading the body (so the
 * credential was accepted at the headers), and `finish()` sends the body and returns the response.
 */
function slowRequest(
  t: TestApp,
  method: string,
  path: string,
  token: string,
  body: unknown,
): { readonly started: Promise<void>; finish(): Promise<{ status: number; json: unknown }> } {
  let signalStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    signalStarted = resolve;
  });
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      signalStarted();
      await released;
      controller.enqueue(new TextEncoder().encode(JSON.stringify(body)));
      controller.close();
    },
  });
  const response = Promise.resolve(
    t.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    }),
  );
  return {
    started,
    finish: async () => {
      release();
      const res = await response;
      const text = await res.text();
      return { status: res.status, json: text === "" ? undefined : (JSON.parse(text) as unknown) };
    },
  };
}

for (const database of TEST_DATABASES) {
  void describe(`credentials are checked again when a change commits on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
      const version = ((await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string })
        .metadata_version;
      await t.call("PUT", "/v1/integrations/tailscale/corp", admin, {
        metadata_version: version,
        spec: { oauth_client_id: "client-corp", tags: ["tag:ci"], enable_magic_dns: false },
      });
    });
    after(async () => store.close());

    const newToken = async (name: string, role = "admin"): Promise<{ id: string; secret: string }> => {
      const res = await t.call("POST", "/v1/tokens", admin, { name, role });
      const json = res.json as { token: { id: string }; secret: string };
      return { id: json.token.id, secret: json.secret };
    };
    const tokenNames = async (): Promise<string[]> =>
      ((await t.call("GET", "/v1/tokens", admin)).json as { tokens: { name: string }[] }).tokens.map(
        (token) => token.name,
      );

    void it("a token revoked while its POST /v1/tokens body arrives creates nothing", async () => {
      const doomed = await newToken("doomed");
      const request = slowRequest(t, "POST", "/v1/tokens", doomed.secret, { name: "sneaky", role: "admin" });
      await request.started;
      assert.equal((await t.call("DELETE", `/v1/tokens/${doomed.id}`, admin)).status, 200);
      const res = await request.finish();
      assert.equal(res.status, 401);
      assert.equal((res.json as ErrorJson).error.code, "unauthenticated");
      assert.match((res.json as ErrorJson).error.message, /revoked while the request was in progress/u);
      assert.ok(!(await tokenNames()).includes("sneaky"));
    });

    void it("a launcher revoked mid-body registers no instance; an admin revoked mid-body changes no spec", async () => {
      const launcher = await newToken("launcher", "launcher");
      const register = slowRequest(t, "POST", "/v1/instances", launcher.secret, {
        kind: "generic",
        tailscale_spec: "corp",
      });
      await register.started;
      await t.call("DELETE", `/v1/tokens/${launcher.id}`, admin);
      assert.equal((await register.finish()).status, 401);
      const instances = (await t.call("GET", "/v1/instances", admin)).json as { instances: unknown[] };
      assert.equal(instances.instances.length, 0);

      const editor = await newToken("editor");
      const version = ((await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string })
        .metadata_version;
      const put = slowRequest(t, "PUT", "/v1/integrations/tailscale/evil", editor.secret, {
        metadata_version: version,
        spec: { oauth_client_id: "client-evil", tags: ["tag:evil"], enable_magic_dns: false },
      });
      await put.started;
      await t.call("DELETE", `/v1/tokens/${editor.id}`, admin);
      assert.equal((await put.finish()).status, 401);
      const document = (await t.call("GET", "/v1/integrations", admin)).json as { tailscale: object };
      assert.deepEqual(Object.keys(document.tailscale), ["corp"]);
    });

    void it("an instance destroyed while its ID token or join body arrives gets no token, and none is audited", async () => {
      for (const [path, body] of [
        ["/v1/id-token", { audience: "sts.amazonaws.com" }],
        ["/v1/workload/tailscale/join", {}],
        ["/v1/workload/tailscale/join", { dry_run: true }],
      ] as const) {
        const registered = (
          await t.call("POST", "/v1/instances", admin, { kind: "generic", tailscale_spec: "corp" })
        ).json as { instance: { id: string }; workload_token: string };
        const request = slowRequest(t, "POST", path, registered.workload_token, body);
        await request.started;
        assert.equal((await t.call("DELETE", `/v1/instances/${registered.instance.id}`, admin)).status, 200);
        const res = await request.finish();
        assert.equal(res.status, 401, `${path} ${JSON.stringify(body)}`);
        assert.equal((res.json as ErrorJson).error.code, "unauthenticated");
        assert.equal(JSON.stringify(res.json).includes('id_token"'), false);
        const audit = (await t.call("GET", "/v1/audit?action=id_token", admin)).json as {
          events: { object_id: string }[];
        };
        assert.equal(audit.events.filter((event) => event.object_id === registered.instance.id).length, 0);
      }
    });
  });
}

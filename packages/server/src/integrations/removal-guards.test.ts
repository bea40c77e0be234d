import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface ErrorJson {
  error: { code: string; message: string };
}

for (const database of TEST_DATABASES) {
  void describe(`removing a spec that is needed on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
    });
    after(async () => store.close());

    const version = async (): Promise<string> =>
      ((await t.call("GET", "/v1/integrations", admin)).json as { metadata_version: string })
        .metadata_version;
    const put = async (name: string): Promise<void> => {
      const res = await t.call("PUT", `/v1/integrations/tailscale/${name}`, admin, {
        metadata_version: await version(),
        spec: { oauth_client_id: `client-${name}`, tags: ["tag:ci"], enable_magic_dns: false },
      });
      assert.equal(res.status, 200);
    };
    const remove = async (name: string, force?: string) =>
      t.call(
        "DELETE",
        `/v1/integrations/tailscale/${name}?metadata_version=${await version()}${force === undefined ? "" : `&force=${force}`}`,
        admin,
      );
    const specs = async (): Promise<string[]> =>
      Object.keys(((await t.call("GET", "/v1/integrations", admin)).json as { tailscale: object }).tailscale);

    void it("refuses the devbox default's spec, locked or not, even with force", async () => {
      await put("boxes");
      for (const locked of [true, false]) {
        await t.call("PUT", "/v1/devbox/defaults", admin, { tailscale_spec: "boxes", locked });
        for (const force of [undefined, "true"]) {
          const res = await remove("boxes", force);
          assert.equal(res.status, 409);
          const error = (res.json as ErrorJson).error;
          assert.equal(error.code, "spec_in_use");
          assert.match(error.message, locked ? /locked devbox default/u : /devbox default/u);
          assert.match(error.message, /nsc devbox defaults set/u);
        }
      }
      assert.ok((await specs()).includes("boxes"));
      await t.call("PUT", "/v1/devbox/defaults", admin, { tailscale_spec: null, locked: false });
      assert.equal((await remove("boxes")).status, 200);
    });

    void it("refuses a spec live instances use unless forced, with their count", async () => {
      await put("runners");
      for (let i = 0; i < 2; i++) {
        await t.call("POST", "/v1/instances", admin, { kind: "generic", tailscale_spec: "runners" });
      }
      const gone = (
        await t.call("POST", "/v1/instances", admin, { kind: "generic", tailscale_spec: "runners" })
      ).json as { instance: { id: string } };
      await t.call("DELETE", `/v1/instances/${gone.instance.id}`, admin);
      const refused = await remove("runners");
      assert.equal(refused.status, 409);
      const error = (refused.json as ErrorJson).error;
      assert.equal(error.code, "spec_in_use");
      assert.match(error.message, /used by 2 live instances/u);
      assert.match(error.message, /--force/u);
      assert.equal((await remove("runners", "yes")).status, 400);
      assert.equal((await remove("runners", "true")).status, 200);
      assert.ok(!(await specs()).includes("runners"));
      const audit = (await t.call("GET", "/v1/audit?action=tailscale_spec.removed", admin)).json as {
        events: { object_id: string; detail: Record<string, unknown> }[];
      };
      const event = audit.events.find((e) => e.object_id === "runners");
      assert.deepEqual(event?.detail, { forced: true, live_instances: 2 });
    });

    void it("removes a spec only expired or destroyed instances used, without force", async () => {
      await put("old");
      await t.call("POST", "/v1/instances", admin, { kind: "generic", tailscale_spec: "old", ttl_secs: 60 });
      t.clock.advance(61_000);
      assert.equal((await remove("old")).status, 200);
    });
  });
}

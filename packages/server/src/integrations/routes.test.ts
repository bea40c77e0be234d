import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

const corp = { oauth_client_id: "k123", tags: ["tag:namespace", "tag:ci"], enable_magic_dns: true };

interface ErrorJson {
  error: { code: string; message: string; field?: string };
}
interface Doc {
  metadata_version: string;
  tailscale: Record<
    string,
    {
      oauth_client_id: string;
      tags: string[];
      enable_magic_dns: boolean;
      login_server?: string;
      audience?: string;
    }
  >;
}

for (const database of TEST_DATABASES) {
  describe(`integrations API on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
    });
    after(async () => store.close());

    const put = (name: string, version: string, spec: unknown, token = admin) =>
      t.call("PUT", `/v1/integrations/tailscale/${name}`, token, { metadata_version: version, spec });
    const doc = async (token = admin): Promise<Doc> =>
      (await t.call("GET", "/v1/integrations", token)).json as Doc;
    const errorOf = (json: unknown): ErrorJson["error"] => (json as ErrorJson).error;

    it("starts empty at metadata_version 0", async () => {
      assert.deepEqual(await doc(), { metadata_version: "0", tailscale: {} });
    });

    it("creates, replaces and removes a spec, bumping metadata_version each time", async () => {
      const v = (await doc()).metadata_version;
      const created = await put("corp", v, corp);
      assert.equal(created.status, 200);
      const afterCreate = created.json as Doc;
      assert.equal(afterCreate.metadata_version, String(Number(v) + 1));
      assert.deepEqual(afterCreate.tailscale.corp, corp);

      const replaced = await put("corp", afterCreate.metadata_version, {
        ...corp,
        tags: ["tag:other"],
        enable_magic_dns: false,
      });
      assert.equal(replaced.status, 200);
      assert.deepEqual((replaced.json as Doc).tailscale.corp, {
        oauth_client_id: "k123",
        tags: ["tag:other"],
        enable_magic_dns: false,
      });

      const removed = await t.call(
        "DELETE",
        `/v1/integrations/tailscale/corp?metadata_version=${(replaced.json as Doc).metadata_version}`,
        admin,
      );
      assert.equal(removed.status, 200);
      assert.equal((removed.json as Doc).tailscale.corp, undefined);
      assert.equal((removed.json as Doc).metadata_version, String(Number(v) + 3));
    });

    it("keeps tag order and drops duplicates, keeping the first", async () => {
      const res = await put("dups", (await doc()).metadata_version, {
        ...corp,
        tags: ["tag:b", "tag:a", "tag:b", "tag:c", "tag:a"],
      });
      assert.equal(res.status, 200);
      assert.deepEqual((res.json as Doc).tailscale.dups?.tags, ["tag:b", "tag:a", "tag:c"]);
    });

    it("stores an optional login server without a trailing slash and shows it only when set", async () => {
      const res = await put("ls", (await doc()).metadata_version, {
        ...corp,
        login_server: "https://control.example.com/",
      });
      assert.equal(res.status, 200);
      assert.equal((res.json as Doc).tailscale.ls?.login_server, "https://control.example.com");
      assert.equal("login_server" in ((res.json as Doc).tailscale.dups ?? {}), false);
    });

    it("stores an optional custom audience and shows it only when set", async () => {
      const res = await put("aud", (await doc()).metadata_version, { ...corp, audience: "tailnet-aud-42" });
      assert.equal(res.status, 200);
      assert.equal((res.json as Doc).tailscale.aud?.audience, "tailnet-aud-42");
      assert.equal("audience" in ((res.json as Doc).tailscale.ls ?? {}), false);
      const replaced = await put("aud", (await doc()).metadata_version, corp);
      assert.equal(
        "audience" in ((replaced.json as Doc).tailscale.aud ?? {}),
        false,
        "set replaces the whole spec",
      );
    });

    it("rejects a write naming a stale metadata_version with 409 and changes nothing", async () => {
      const before = await doc();
      const stale = String(Number(before.metadata_version) - 1);
      const res = await put("stale", stale, corp);
      assert.equal(res.status, 409);
      assert.equal(errorOf(res.json).code, "version_conflict");
      assert.match(errorOf(res.json).message, /read them again and retry/u);
      assert.deepEqual(await doc(), before);
      const del = await t.call("DELETE", `/v1/integrations/tailscale/dups?metadata_version=${stale}`, admin);
      assert.equal(del.status, 409);
      assert.deepEqual(await doc(), before);
    });

    it("lets exactly one of two racing writers on the same metadata_version win", async () => {
      const before = await doc();
      const results = await Promise.all([
        put("race", before.metadata_version, { ...corp, tags: ["tag:first"] }),
        put("race", before.metadata_version, { ...corp, tags: ["tag:second"] }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409]);
      const winner = results.find((r) => r.status === 200)?.json as Doc;
      const now = await doc();
      assert.equal(now.metadata_version, String(Number(before.metadata_version) + 1));
      assert.deepEqual(now.tailscale.race, winner.tailscale.race);
    });

    it("answers spec_not_found with upstream's text when removing an unknown spec", async () => {
      const res = await t.call(
        "DELETE",
        `/v1/integrations/tailscale/nope?metadata_version=${(await doc()).metadata_version}`,
        admin,
      );
      assert.equal(res.status, 404);
      assert.deepEqual(errorOf(res.json), {
        code: "spec_not_found",
        message: 'tailscale integration "nope" not found',
      });
    });

    it("requires metadata_version on DELETE", async () => {
      const res = await t.call("DELETE", "/v1/integrations/tailscale/dups", admin);
      assert.equal(res.status, 400);
      assert.equal(errorOf(res.json).field, "metadata_version");
    });

    describe("validation: one rule each, 400 with a stable code and the field named", () => {
      const cases: readonly {
        name: string;
        path?: string;
        spec: unknown;
        code: string;
        field: string;
        message: RegExp;
      }[] = [
        {
          name: "uppercase spec name",
          path: "Corp",
          spec: corp,
          code: "invalid_name",
          field: "name",
          message: /lowercase letters/u,
        },
        {
          name: "spec name over 63 characters",
          path: "a".repeat(64),
          spec: corp,
          code: "invalid_name",
          field: "name",
          message: /1 to 63/u,
        },
        {
          name: "spec name with a dot",
          path: "a.b",
          spec: corp,
          code: "invalid_name",
          field: "name",
          message: /invalid spec name/u,
        },
        {
          name: "empty client ID",
          spec: { ...corp, oauth_client_id: "" },
          code: "invalid_client_id",
          field: "spec.oauth_client_id",
          message: /must not be empty/u,
        },
        {
          name: "client ID with whitespace",
          spec: { ...corp, oauth_client_id: "k 1" },
          code: "invalid_client_id",
          field: "spec.oauth_client_id",
          message: /whitespace/u,
        },
        {
          name: "client ID with ?",
          spec: { ...corp, oauth_client_id: "k1?ephemeral=true" },
          code: "invalid_client_id",
          field: "spec.oauth_client_id",
          message: /must not contain '\?'/u,
        },
        {
          name: "no tags",
          spec: { ...corp, tags: [] },
          code: "missing_tags",
          field: "spec.tags",
          message: /at least one tag/u,
        },
        {
          name: "tag without prefix",
          spec: { ...corp, tags: ["ci"] },
          code: "invalid_tag",
          field: "spec.tags[0]",
          message: /tags must start with 'tag:'/u,
        },
        {
          name: "empty tag name",
          spec: { ...corp, tags: ["tag:ok", "tag:"] },
          code: "invalid_tag",
          field: "spec.tags[1]",
          message: /tag names must not be empty/u,
        },
        {
          name: "tag starting with a digit",
          spec: { ...corp, tags: ["tag:1ci"] },
          code: "invalid_tag",
          field: "spec.tags[0]",
          message: /must start with a letter, after 'tag:'/u,
        },
        {
          name: "tag with an underscore",
          spec: { ...corp, tags: ["tag:c_i"] },
          code: "invalid_tag",
          field: "spec.tags[0]",
          message: /can only contain numbers, letters, or dashes/u,
        },
        {
          name: "login server over plain http",
          spec: { ...corp, login_server: "http://control.example.com" },
          code: "invalid_login_server",
          field: "spec.login_server",
          message: /https/u,
        },
        {
          name: "audience with whitespace",
          spec: { ...corp, audience: "api.tailscale.com/k123 " },
          code: "invalid_audience",
          field: "spec.audience",
          message: /whitespace/u,
        },
        {
          name: "unknown field",
          spec: { ...corp, secret: "x" },
          code: "invalid_request",
          field: "spec",
          message: /unknown field "secret"/u,
        },
        {
          name: "wrong type",
          spec: { ...corp, enable_magic_dns: "yes" },
          code: "invalid_request",
          field: "spec.enable_magic_dns",
          message: /must be a boolean/u,
        },
        {
          name: "missing field",
          spec: { tags: corp.tags, enable_magic_dns: true },
          code: "invalid_request",
          field: "spec.oauth_client_id",
          message: /is required/u,
        },
      ];
      for (const c of cases) {
        it(`rejects ${c.name}`, async () => {
          const before = await doc();
          const res = await put(c.path ?? "valid", before.metadata_version, c.spec);
          assert.equal(res.status, 400, JSON.stringify(res.json));
          const error = errorOf(res.json);
          assert.equal(error.code, c.code);
          assert.equal(error.field, c.field);
          assert.match(error.message, c.message);
          assert.deepEqual(await doc(), before, "nothing written");
        });
      }
    });

    describe("authorization and isolation", () => {
      it("lets a member read but not write", async () => {
        const created = await t.call("POST", "/v1/tokens", admin, { name: "reader", role: "member" });
        const member = (created.json as { secret: string }).secret;
        assert.equal((await t.call("GET", "/v1/integrations", member)).status, 200);
        const res = await put("m", (await doc()).metadata_version, corp, member);
        assert.equal(res.status, 403);
        assert.equal(errorOf(res.json).code, "forbidden");
      });

      it("keeps a launcher token out of integrations", async () => {
        const created = await t.call("POST", "/v1/tokens", admin, { name: "launch", role: "launcher" });
        const launcher = (created.json as { secret: string }).secret;
        assert.equal((await t.call("GET", "/v1/integrations", launcher)).status, 403);
      });

      it("never shows or changes another workspace's specs", async () => {
        const other = await t.workspace("other");
        const mine = await doc();
        assert.ok(Object.keys(mine.tailscale).length > 0);
        const theirs = await doc(other.adminToken);
        assert.deepEqual(theirs, { metadata_version: "0", tailscale: {} });
        // The other workspace writing a spec of the same name creates its own, never touches ours.
        const name = Object.keys(mine.tailscale)[0] ?? "";
        const del = await t.call(
          "DELETE",
          `/v1/integrations/tailscale/${name}?metadata_version=0`,
          other.adminToken,
        );
        assert.equal(del.status, 404);
        assert.equal((await put(name, "0", { ...corp, tags: ["tag:theirs"] }, other.adminToken)).status, 200);
        assert.deepEqual(await doc(), mine);
      });
    });
  });
}

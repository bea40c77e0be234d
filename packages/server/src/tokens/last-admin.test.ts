import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface TokenRow {
  id: string;
  role: string;
  revoked_at: string | null;
}
interface ErrorJson {
  error: { code: string; message: string };
}

for (const database of TEST_DATABASES) {
  void describe(`the last admin token on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
    });
    after(async () => store.close());

    const tokens = async (admin: string): Promise<TokenRow[]> =>
      ((await t.call("GET", "/v1/tokens", admin)).json as { tokens: TokenRow[] }).tokens;
    const create = async (admin: string, body: unknown): Promise<{ id: string; secret: string }> => {
      const json = (await t.call("POST", "/v1/tokens", admin, body)).json as {
        token: { id: string };
        secret: string;
      };
      return { id: json.token.id, secret: json.secret };
    };

    void it("cannot revoke itself, and the message names the way out", async () => {
      const ws = await t.workspace("solo");
      const [own] = await tokens(ws.adminToken);
      assert.ok(own !== undefined);
      const res = await t.call("DELETE", `/v1/tokens/${own.id}`, ws.adminToken);
      assert.equal(res.status, 409);
      const error = (res.json as ErrorJson).error;
      assert.equal(error.code, "last_admin_token");
      assert.match(error.message, /nsc tokens create --name N --role admin/u);
      assert.match(
        error.message,
        new RegExp(`nsc-server tokens create --workspace ${ws.id} --role admin`, "u"),
      );
      assert.equal((await tokens(ws.adminToken))[0]?.revoked_at, null);
    });

    void it("an expired admin token does not count; with another active admin, revoking works", async () => {
      const ws = await t.workspace("pair");
      const [own] = await tokens(ws.adminToken);
      assert.ok(own !== undefined);
      await create(ws.adminToken, { name: "soon", role: "admin", expires_in_secs: 60 });
      await create(ws.adminToken, { name: "member", role: "member" });
      t.clock.advance(61_000);
      assert.equal((await t.call("DELETE", `/v1/tokens/${own.id}`, ws.adminToken)).status, 409);
      const second = await create(ws.adminToken, { name: "second", role: "admin" });
      assert.equal((await t.call("DELETE", `/v1/tokens/${own.id}`, second.secret)).status, 200);
    });

    void it("two admins revoking each other at once: exactly one wins, one admin remains", async () => {
      for (let round = 0; round < 5; round++) {
        const ws = await t.workspace(`race${round}`);
        const [a] = await tokens(ws.adminToken);
        assert.ok(a !== undefined);
        const b = await create(ws.adminToken, { name: "b", role: "admin" });
        const [first, second] = await Promise.all([
          t.call("DELETE", `/v1/tokens/${b.id}`, ws.adminToken),
          t.call("DELETE", `/v1/tokens/${a.id}`, b.secret),
        ]);
        const statuses = [first.status, second.status].sort();
        assert.equal(statuses.filter((s) => s === 200).length, 1, JSON.stringify([first.json, second.json]));
        assert.ok(
          statuses.every((s) => s === 200 || s === 401 || s === 409),
          JSON.stringify(statuses),
        );
        const winner = first.status === 200 ? ws.adminToken : b.secret;
        const active = (await tokens(winner)).filter(
          (row) => row.role === "admin" && row.revoked_at === null,
        );
        assert.equal(active.length, 1);
      }
    });
  });
}

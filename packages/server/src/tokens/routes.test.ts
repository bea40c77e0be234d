import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface Created {
  token: { id: string; name: string; role: string };
  secret: string;
}

for (const database of TEST_DATABASES) {
  describe(`API tokens on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;
    let workspaceId: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      const ws = await t.workspace();
      admin = ws.adminToken;
      workspaceId = ws.id;
    });
    after(async () => store.close());

    it("creates a token whose secret is shown once and stored only as a hash", async () => {
      const res = await t.call("POST", "/v1/tokens", admin, { name: "ci", role: "launcher" });
      assert.equal(res.status, 201);
      const created = res.json as Created;
      assert.match(created.secret, /^nsct_[A-Za-z0-9_-]{43}$/u);
      assert.equal(created.token.role, "launcher");

      const listed = (await t.call("GET", "/v1/tokens", admin)).json as { tokens: Record<string, unknown>[] };
      assert.ok(listed.tokens.some((tk) => tk.id === created.token.id));
      assert.equal(JSON.stringify(listed).includes(created.secret), false, "list never shows secrets");
      assert.equal(JSON.stringify(listed).includes("hash"), false, "list never shows hashes");

      // Nothing in the database holds the secret in clear: not the token table, not the audit log.
      const dump = await sql<{
        v: string;
      }>`select secret_hash as v from api_tokens union all select detail as v from audit_events`.execute(
        store.db,
      );
      assert.ok(dump.rows.length > 0);
      for (const row of dump.rows) assert.equal(row.v.includes(created.secret.slice(5)), false);
    });

    it("records token creation and revocation in the audit log without secrets", async () => {
      const created = (await t.call("POST", "/v1/tokens", admin, { name: "temp", role: "member" }))
        .json as Created;
      await t.call("DELETE", `/v1/tokens/${created.token.id}`, admin);
      const audit = (await t.call("GET", "/v1/audit?action=api_token", admin)).json as {
        events: { action: string; object_id: string; detail: Record<string, unknown> }[];
      };
      const mine = audit.events.filter((e) => e.object_id === created.token.id).map((e) => e.action);
      assert.deepEqual(mine, ["api_token.revoked", "api_token.created"]);
      assert.equal(JSON.stringify(audit).includes(created.secret), false);
    });

    it("allows only admins to create and revoke", async () => {
      const member = (
        (await t.call("POST", "/v1/tokens", admin, { name: "m", role: "member" })).json as Created
      ).secret;
      assert.equal((await t.call("POST", "/v1/tokens", member, { name: "x", role: "admin" })).status, 403);
      const listed = (await t.call("GET", "/v1/tokens", member)).json as { tokens: { id: string }[] };
      const id = listed.tokens[0]?.id ?? "";
      assert.equal((await t.call("DELETE", `/v1/tokens/${id}`, member)).status, 403);
    });

    it("rejects bad token requests with the field named", async () => {
      const badRole = await t.call("POST", "/v1/tokens", admin, { name: "x", role: "root" });
      assert.equal(badRole.status, 400);
      assert.equal((badRole.json as { error: { field: string } }).error.field, "role");
      const badName = await t.call("POST", "/v1/tokens", admin, { name: "", role: "member" });
      assert.equal(badName.status, 400);
      const shortLife = await t.call("POST", "/v1/tokens", admin, {
        name: "x",
        role: "member",
        expires_in_secs: 5,
      });
      assert.equal(shortLife.status, 400);
    });

    it("cannot revoke another workspace's token", async () => {
      const other = await t.workspace("other");
      const theirs = (await t.call("GET", "/v1/tokens", other.adminToken)).json as {
        tokens: { id: string }[];
      };
      const id = theirs.tokens[0]?.id ?? "";
      const res = await t.call("DELETE", `/v1/tokens/${id}`, admin);
      assert.equal(res.status, 404);
      assert.equal((await t.call("GET", "/v1/workspace", other.adminToken)).status, 200, "still valid");
      assert.notEqual(workspaceId, other.id);
    });
  });
}

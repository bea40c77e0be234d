import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import type { Store } from "./open-store.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

for (const database of TEST_DATABASES) {
  describe(`audit action index on ${database.name}`, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(database);
    });
    after(async () => store.close());

    it("indexes audit events by (workspace_id, action, id) for filtered listing", async () => {
      let columns: string[];
      if (store.dialect === "sqlite") {
        const info = await sql<{ name: string }>`pragma index_info('audit_events_workspace_action')`.execute(
          store.db,
        );
        columns = info.rows.map((r) => r.name);
      } else {
        const def = await sql<{ indexdef: string }>`
          select indexdef from pg_indexes where indexname = 'audit_events_workspace_action'`.execute(
          store.db,
        );
        const match = /\(([^)]*)\)/u.exec(def.rows[0]?.indexdef ?? "");
        columns = (match?.[1] ?? "").split(",").map((c) => c.trim());
      }
      assert.deepEqual(columns, ["workspace_id", "action", "id"]);
    });
  });
}

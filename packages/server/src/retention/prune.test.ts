import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { parseInstanceId } from "@nsc/core";
import type { RetentionPolicy } from "../config/server-config.js";
import { resolveServerConfig } from "../config/server-config.js";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";
import { prune } from "./prune.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const POLICY: RetentionPolicy = { instances: 2 * DAY, audit: DAY, idTokenAudit: DAY + 2 * HOUR };

interface Registered {
  instance: { id: string };
  workload_token: string;
}

describe("retention settings", () => {
  it("refuses a retention of 0 and keeps id_token.issued for the longest token lifetime plus a day", () => {
    assert.throws(() => resolveServerConfig({ retentionAuditDays: "0" }, {}), /0 is not allowed/u);
    assert.throws(
      () => resolveServerConfig({ retentionInstancesDays: "0" }, {}),
      /--retention-instances-days/u,
    );
    assert.throws(() => resolveServerConfig({}, { NSC_RETENTION_AUDIT_DAYS: "-3" }), /whole number/u);
    const config = resolveServerConfig({ retentionAuditDays: "1", idTokenMaxLifetime: "86400" }, {});
    assert.equal(config.retention.audit, DAY);
    assert.equal(config.retention.idTokenAudit, 2 * DAY);
    const defaults = resolveServerConfig({}, {});
    assert.equal(defaults.retention.instances, 30 * DAY);
    assert.equal(defaults.retention.audit, 365 * DAY);
  });
});

for (const database of TEST_DATABASES) {
  describe(`pruning on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
    });
    after(async () => store.close());

    const register = async (ttl = 3600): Promise<Registered> => {
      const res = await t.call("POST", "/v1/instances", admin, { kind: "generic", ttl_secs: ttl });
      assert.equal(res.status, 201);
      return res.json as Registered;
    };
    const exists = async (id: string): Promise<boolean> =>
      (await store.db
        .selectFrom("instances")
        .select("id")
        .where("id", "=", parseInstanceId(id))
        .executeTakeFirst()) !== undefined;
    const actions = async (): Promise<string[]> =>
      (await store.db.selectFrom("audit_events").select("action").orderBy("id").execute()).map(
        (r) => r.action,
      );

    it("removes destroyed and expired instances and old audit events after their retention, nothing sooner", async () => {
      const start = t.clock.now();
      const destroyed = await register();
      assert.equal((await t.call("DELETE", `/v1/instances/${destroyed.instance.id}`, admin)).status, 200);
      const expiring = await register(3600);
      const live = await register(7 * 24 * 3600);
      const token = await t.call("POST", "/v1/id-token", live.workload_token, { audience: "sts.example" });
      assert.equal(token.status, 200);

      // Just inside every retention: nothing goes.
      const early = await prune(store, POLICY, start + DAY - 1);
      assert.deepEqual(early, { instances: 0, auditEvents: 0, ran: true });

      // Past the audit retention, not the id_token one: everything but id_token.issued goes.
      const audit = await prune(store, POLICY, start + DAY + HOUR);
      assert.ok(audit.auditEvents > 0);
      assert.deepEqual(await actions(), ["id_token.issued"]);
      assert.equal(audit.instances, 0);

      // Past the instance retention, counted from destruction or expiry; the live one stays.
      const instances = await prune(store, POLICY, start + HOUR + 2 * DAY + 1);
      assert.equal(instances.instances, 2);
      assert.equal(await exists(destroyed.instance.id), false);
      assert.equal(await exists(expiring.instance.id), false);
      assert.equal(await exists(live.instance.id), true);
      assert.deepEqual(await actions(), []);
    });

    it("works in bounded batches", async () => {
      const start = t.clock.now();
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const r = await register();
        await t.call("DELETE", `/v1/instances/${r.instance.id}`, admin);
        ids.push(r.instance.id);
      }
      const later = start + 3 * DAY;
      const one = await prune(store, POLICY, later, { batchSize: 2, maxBatches: 1 });
      assert.equal(one.instances, 2);
      assert.equal(one.auditEvents, 2);
      const rest = await prune(store, POLICY, later, { batchSize: 2, maxBatches: 10 });
      assert.equal(rest.instances, 3);
      assert.equal(rest.auditEvents, 10 - 2);
      for (const id of ids) assert.equal(await exists(id), false);
    });

    if (database.name === "postgres") {
      it("lets one replica prune at a time: another that finds the lock held does nothing", async () => {
        const r = await register();
        await t.call("DELETE", `/v1/instances/${r.instance.id}`, admin);
        // Another replica: a second connection to the same database holding the pruning lock.
        const url = new URL(process.env.NSC_TEST_POSTGRES_URL ?? "");
        url.pathname = new URL(store.description).pathname;
        const holder = new pg.Client({ connectionString: url.toString() });
        await holder.connect();
        try {
          await holder.query("select pg_advisory_lock($1)", [0x6e737072]);
          const blocked = await prune(store, POLICY, t.clock.now() + 10 * DAY);
          assert.deepEqual(blocked, { instances: 0, auditEvents: 0, ran: false });
          assert.equal(await exists(r.instance.id), true);
          await holder.query("select pg_advisory_unlock($1)", [0x6e737072]);
          const free = await prune(store, POLICY, t.clock.now() + 10 * DAY);
          assert.equal(free.ran, true);
          assert.equal(await exists(r.instance.id), false);
        } finally {
          await holder.end();
        }
      });
    }
  });
}

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface ErrorJson {
  error: { code: string; message: string; field?: string };
}

for (const database of TEST_DATABASES) {
  void describe(`strict request parsing on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
    });
    after(async () => store.close());

    const raw = async (path: string, init: RequestInit): Promise<{ status: number; json: unknown }> => {
      const res = await t.app.request(path, init);
      return { status: res.status, json: await res.json() };
    };

    void it("takes limit as decimal digits only", async () => {
      for (const limit of ["1e2", "0x10", "%205", "5%20", "+5", "5.0", "", "0", "501"]) {
        const res = await t.call("GET", `/v1/audit?limit=${limit}`, admin);
        assert.equal(res.status, 400, limit);
        assert.equal((res.json as ErrorJson).error.field, "limit");
      }
      assert.equal((await t.call("GET", "/v1/audit?limit=500", admin)).status, 200);
      assert.equal((await t.call("GET", "/v1/audit?limit=007", admin)).status, 200);
    });

    void it("reads the bearer scheme in any case", async () => {
      for (const scheme of ["Bearer", "bearer", "BEARER", "bEaReR"]) {
        const res = await raw("/v1/workspace", { headers: { authorization: `${scheme} ${admin}` } });
        assert.equal(res.status, 200, scheme);
      }
      const basic = await raw("/v1/workspace", { headers: { authorization: `Basic ${admin}` } });
      assert.equal(basic.status, 401);
    });

    void it("refuses a declared charset other than UTF-8 with 415", async () => {
      const body = JSON.stringify({ name: "ci", role: "member" });
      for (const type of [
        "application/json; charset=iso-8859-1",
        "application/json;charset=utf-16",
        'application/json; charset="latin1"',
      ]) {
        const res = await raw("/v1/tokens", {
          method: "POST",
          headers: { authorization: `Bearer ${admin}`, "content-type": type },
          body,
        });
        assert.equal(res.status, 415, type);
        assert.equal((res.json as ErrorJson).error.code, "unsupported_media_type");
        assert.match((res.json as ErrorJson).error.message, /send it as UTF-8/u);
      }
      for (const type of [
        "application/json; charset=utf-8",
        "application/json; charset=UTF8",
        "application/json",
      ]) {
        const res = await raw("/v1/tokens", {
          method: "POST",
          headers: { authorization: `Bearer ${admin}`, "content-type": type },
          body,
        });
        assert.equal(res.status, 201, type);
      }
    });

    void it("refuses token names with surrounding whitespace", async () => {
      for (const name of [" ci", "ci ", "ci\t", "\u00a0ci"]) {
        const res = await t.call("POST", "/v1/tokens", admin, { name, role: "member" });
        assert.equal(res.status, 400, JSON.stringify(name));
      }
      assert.equal(
        (await t.call("POST", "/v1/tokens", admin, { name: "ci bot", role: "member" })).status,
        201,
      );
    });

    void it("refuses audiences with lone surrogates or not in NFC, saying why", async () => {
      const registered = (await t.call("POST", "/v1/instances", admin, { kind: "generic" })).json as {
        workload_token: string;
      };
      for (const [audience, reason] of [
        ["sts.amazonaws.com\ud800", /lone surrogate/u],
        ["cafe\u0301.example", /NFC/u],
        ["a\u202eb", /invisible formatting/u],
      ] as const) {
        const res = await t.call("POST", "/v1/id-token", registered.workload_token, { audience });
        assert.equal(res.status, 400);
        assert.equal((res.json as ErrorJson).error.code, "invalid_audience");
        assert.match((res.json as ErrorJson).error.message, reason);
      }
    });
  });
}

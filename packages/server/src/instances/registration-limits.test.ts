import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

interface ErrorJson {
  error: { code: string; message: string };
}

/** CPU milliseconds an awaited call used on this process: the time the event loop was kept busy. */
async function busyMs(call: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

for (const database of TEST_DATABASES) {
  void describe(`registering a devbox from a hostile spec file on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
    });
    after(async () => store.close());

    const register = (name: string, content: string) =>
      t.call("POST", "/v1/instances", admin, { kind: "devbox", devbox_file: { name, content } });

    void it("answers a 48 KB dotted TOML header with a quick 400, as the largest body allows", async () => {
      for (const content of [`[${"a.".repeat(24_000)}a]\n`, `${"a.".repeat(24_000)}a = 1\n`]) {
        let status = 0;
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i < 3; i++) {
          best = Math.min(
            best,
            await busyMs(async () => {
              status = (await register("devbox.toml", content)).status;
            }),
          );
        }
        assert.equal(status, 400);
        assert.ok(best < 200, `the request took ${best.toFixed(1)} ms of CPU`);
      }
      const deep = await register("devbox.toml", `image = "x"\n[${"a.".repeat(20)}a]\n`);
      assert.equal(deep.status, 400);
      assert.match((deep.json as ErrorJson).error.message, /^devbox\.toml:2: a key has 21 dotted parts/u);
    });

    void it("answers YAML alias problems with 400 invalid_devbox_spec and the line, not 500", async () => {
      const undefinedAlias = await register("devbox.yaml", "image: x\nsize: m\nname: *undefined\n");
      assert.equal(undefinedAlias.status, 400);
      assert.equal((undefinedAlias.json as ErrorJson).error.code, "invalid_devbox_spec");
      assert.match(
        (undefinedAlias.json as ErrorJson).error.message,
        /^devbox\.yaml:3: invalid YAML: alias \*undefined/u,
      );
      const many = `image: &i x\n${Array.from({ length: 120 }, (_, i) => `k${i}: *i`).join("\n")}\n`;
      const tooMany = await register("devbox.yaml", many);
      assert.equal(tooMany.status, 400);
      assert.equal((tooMany.json as ErrorJson).error.code, "invalid_devbox_spec");
      assert.match(
        (tooMany.json as ErrorJson).error.message,
        /^devbox\.yaml:2: invalid YAML: aliases expand/u,
      );
    });
  });
}

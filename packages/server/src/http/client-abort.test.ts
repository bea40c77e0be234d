import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLogger } from "../log/logger.js";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";

for (const database of TEST_DATABASES) {
  void describe(`a client that hangs up mid-body on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let admin: string;
    const lines: string[] = [];

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store, {
        logger: createLogger({ level: "debug", write: (line) => lines.push(line) }),
      });
      admin = (await t.workspace()).adminToken;
    });
    after(async () => store.close());

    void it("is a 400 request_incomplete, never logged as the database being unavailable", async () => {
      // What Node's IncomingMessage raises when the peer resets the connection or the server times it out.
      const reset = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
      for (const path of ["/v1/tokens", "/v1/instances"]) {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"name": "half'));
          },
          pull(controller) {
            controller.error(reset);
          },
        });
        const res = await t.app.request(path, {
          method: "POST",
          headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
          body: stream,
          duplex: "half",
        });
        assert.equal(res.status, 400);
        const json = (await res.json()) as { error: { code: string } };
        assert.equal(json.error.code, "request_incomplete");
      }
      const warnings = lines.map((line) => JSON.parse(line) as { level: string; msg: string });
      assert.deepEqual(
        warnings.filter((line) => line.level === "warn" || line.level === "error"),
        [],
      );
      assert.ok(
        warnings.some((line) => line.msg === "request"),
        "requests are still logged",
      );
    });
  });
}

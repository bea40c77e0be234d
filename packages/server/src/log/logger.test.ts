import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger } from "./logger.js";

describe("the request log line", () => {
  const lines = (
    level: "info" | "warn",
    log: (logger: ReturnType<typeof createLogger>) => void,
  ): string[] => {
    const written: string[] = [];
    log(createLogger({ level, now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 6), write: (l) => written.push(l) }));
    return written;
  };

  it("is the same JSON, byte for byte, as the generic info line it replaces, whatever the path holds", () => {
    for (const path of ["/v1/id-token", '/v1/"quoted"\\back\nslash', "/v1/ünïcode/\u0001", ""]) {
      const fields = { method: "POST", path, status: 201, ms: 12.3 };
      const [fast] = lines("info", (l) => {
        l.request({ ...fields, requestId: "req-ABC_def.123:x" });
      });
      const [generic] = lines("info", (l) => {
        l.info("request", { ...fields, request_id: "req-ABC_def.123:x" });
      });
      assert.equal(fast, generic);
      assert.deepEqual(JSON.parse(fast ?? ""), {
        time: "2026-01-02T03:04:05.006Z",
        level: "info",
        msg: "request",
        request_id: "req-ABC_def.123:x",
        ...fields,
      });
    }
  });

  it("is dropped when the level is above info", () => {
    assert.deepEqual(
      lines("warn", (l) => {
        l.request({ method: "GET", path: "/healthz", status: 200, ms: 0.1, requestId: "r" });
      }),
      [],
    );
  });
});

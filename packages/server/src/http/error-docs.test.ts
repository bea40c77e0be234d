import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ERROR_CODES, exitCodeOf, isServerErrorCode } from "@nsc/core";
import { statusOf } from "./error-status.js";

const DOC = readFileSync(new URL("../../../../docs/troubleshooting.md", import.meta.url), "utf8");

describe("docs/troubleshooting.md", () => {
  it("documents every error code with its real exit status and HTTP status", () => {
    const rows = new Map<string, { exit: string; http: string; cause: string; fix: string }>();
    for (const line of DOC.split("\n")) {
      const match = /^\| `([a-z_]+)` +\| (\d) +\| ([\d—]+) +\| (.+?) +\| (.+?) +\|$/u.exec(line);
      if (match !== null) {
        rows.set(match[1] ?? "", {
          exit: match[2] ?? "",
          http: match[3] ?? "",
          cause: match[4] ?? "",
          fix: match[5] ?? "",
        });
      }
    }
    assert.deepEqual([...rows.keys()].sort(), [...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const row = rows.get(code);
      assert.ok(row);
      assert.equal(row.exit, String(exitCodeOf(code)), code);
      // A code the server sends shows its status; a code only a process produces shows "—".
      assert.equal(row.http, isServerErrorCode(code) ? String(statusOf(code)) : "—", code);
      assert.ok(row.cause.length > 10 && row.fix.length > 5, code);
    }
  });
});

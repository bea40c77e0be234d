import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pg from "pg";
import { isDatabaseUnavailable } from "./database-unavailable.js";

describe("isDatabaseUnavailable", () => {
  it("recognises a refused PostgreSQL connection from the real driver", async () => {
    const client = new pg.Client({
      connectionString: "postgres://postgres@127.0.0.1:9/none",
      connectionTimeoutMillis: 2000,
    });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.equal(isDatabaseUnavailable(error), true);
  });

  it("recognises SQLSTATE connection and shutdown classes, and nothing else", () => {
    const withCode = (code: string): Error => Object.assign(new Error("x"), { code });
    assert.equal(isDatabaseUnavailable(withCode("08006")), true);
    assert.equal(isDatabaseUnavailable(withCode("57P01")), true);
    assert.equal(
      isDatabaseUnavailable(withCode("23505")),
      false,
      "a unique violation is a bug, not an outage",
    );
    assert.equal(isDatabaseUnavailable(new Error("boom")), false);
    assert.equal(isDatabaseUnavailable("ECONNREFUSED"), false);
  });
});

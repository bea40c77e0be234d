import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseClientIdAttributes } from "./parse-client-id.js";

describe("parseClientIdAttributes", () => {
  it("without ? is ephemeral and not preauthorized", () => {
    assert.deepEqual(parseClientIdAttributes("k1"), {
      clientId: "k1",
      ephemeral: true,
      preauthorized: false,
    });
  });

  it("with ? defaults both attributes to false", () => {
    assert.deepEqual(parseClientIdAttributes("k1?"), {
      clientId: "k1",
      ephemeral: false,
      preauthorized: false,
    });
    assert.deepEqual(parseClientIdAttributes("k1?preauthorized=true"), {
      clientId: "k1",
      ephemeral: false,
      preauthorized: true,
    });
    assert.deepEqual(parseClientIdAttributes("k1?preauthorized=true&ephemeral=true"), {
      clientId: "k1",
      ephemeral: true,
      preauthorized: true,
    });
  });

  it("splits at the first ?", () => {
    assert.throws(
      () => parseClientIdAttributes("k1?ephemeral=true?x=1"),
      /strconv.ParseBool: parsing "true\?x=1"/,
    );
  });

  it("refuses unknown attributes with the real text", () => {
    assert.throws(
      () => parseClientIdAttributes("k1?baseURL=https://x"),
      new Error('failed to parse optional config attributes: unknown optional config attribute "baseURL"'),
    );
  });
});

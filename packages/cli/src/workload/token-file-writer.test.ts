import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { parseTokenFile } from "./token-file.js";
import { prepareTokenFile } from "./token-file-writer.js";

const TOKEN = "nscw_abcdefghijklmnop";

describe("prepareTokenFile", () => {
  it("writes {bearer_token} with mode 0600, creating the folder, and leaves no temporary file", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "nsc-tf-")), "nested");
    const path = join(dir, "token.json");
    const writer = prepareTokenFile(path);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n === "token.json"),
      [],
      "nothing at the path before commit",
    );
    writer.commit({ bearer_token: TOKEN, endpoint: "http://127.0.0.1:1" });
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.deepEqual(readdirSync(dir), ["token.json"]);
    assert.deepEqual(parseTokenFile(readFileSync(path, "utf8"), path), {
      bearer_token: TOKEN,
      endpoint: "http://127.0.0.1:1",
    });
    assert.match(readFileSync(path, "utf8"), /^\{\n {2}"bearer_token": "nscw_/u);
  });

  it("replaces an existing file atomically, and the result is 0600 even if the old one was not", () => {
    const dir = mkdtempSync(join(tmpdir(), "nsc-tf-"));
    const path = join(dir, "token.json");
    writeFileSync(path, "old", { mode: 0o644 });
    prepareTokenFile(path).commit({ bearer_token: TOKEN });
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(parseTokenFile(readFileSync(path, "utf8"), path).bearer_token, TOKEN);
  });

  it("discards without touching the target", () => {
    const dir = mkdtempSync(join(tmpdir(), "nsc-tf-"));
    const path = join(dir, "token.json");
    writeFileSync(path, "keep");
    prepareTokenFile(path).discard();
    assert.deepEqual(readdirSync(dir), ["token.json"]);
    assert.equal(readFileSync(path, "utf8"), "keep");
  });

  it("fails before anything is registered when the folder cannot be written", () => {
    const notADir = join(mkdtempSync(join(tmpdir(), "nsc-tf-")), "file");
    writeFileSync(notADir, "");
    assert.throws(
      () => prepareTokenFile(join(notADir, "token.json")),
      (error: unknown) => error instanceof NscError && error.code === "invalid_config",
    );
  });
});

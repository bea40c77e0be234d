import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tomlKeyLines } from "./toml-key-lines.js";

const at = (text: string, ...path: readonly (string | number)[]): number | undefined =>
  tomlKeyLines(text, "f.toml").lineOf(path);

void describe("tomlKeyLines", () => {
  void it("finds top-level keys, tables and dotted keys", () => {
    const text = [
      'name = "a"', // 1
      "# a comment", // 2
      '  image = "x"', // 3
      'integrations.tailscale.spec = "corp"', // 4
      "[other]", // 5
      "size = 1", // 6
      '"quoted key" = 2', // 7
      "'literal' = 3", // 8
    ].join("\n");
    assert.equal(at(text, "name"), 1);
    assert.equal(at(text, "image"), 3);
    assert.equal(at(text, "integrations"), 4);
    assert.equal(at(text, "integrations", "tailscale", "spec"), 4);
    assert.equal(at(text, "other"), 5);
    assert.equal(at(text, "other", "size"), 6);
    assert.equal(at(text, "other", "quoted key"), 7);
    assert.equal(at(text, "other", "literal"), 8);
    assert.equal(at(text, "size"), undefined);
  });

  void it("counts arrays of tables as list indexes", () => {
    const text = [
      "[[sessions]]",
      'name = "a"',
      "",
      "[[ sessions ]]",
      'name = "b"',
      "[sessions.env]",
      "X = 1",
    ].join("\n");
    assert.equal(at(text, "sessions"), 1);
    assert.equal(at(text, "sessions", 0), 1);
    assert.equal(at(text, "sessions", 0, "name"), 2);
    assert.equal(at(text, "sessions", 1), 4);
    assert.equal(at(text, "sessions", 1, "name"), 5);
    assert.equal(at(text, "sessions", 1, "env", "X"), 7);
  });

  void it("skips the inside of multi-line strings", () => {
    const text = ['a = """', 'name = "not a key"', '"""', 'name = "b"', "c = '''x", "image = 1", "'''"].join(
      "\n",
    );
    assert.equal(at(text, "name"), 4);
    assert.equal(at(text, "image"), undefined);
  });
});

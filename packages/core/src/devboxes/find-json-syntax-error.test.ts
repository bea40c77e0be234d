import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findJsonSyntaxError } from "./find-json-syntax-error.js";

void describe("findJsonSyntaxError", () => {
  void it("accepts everything JSON.parse accepts", () => {
    for (const text of [
      "{}",
      "[]",
      " \t\r\n{ } ",
      '{"a": [1, -2.5e+3, 0, 0.5, 1E9, true, false, null, "x"], "b": {"c": {}}}',
      '"\\u00e9\\n\\t\\"\\\\\\/"',
      "-0",
      '{"é": "ü"}',
    ]) {
      JSON.parse(text);
      assert.equal(findJsonSyntaxError(text), undefined, text);
    }
  });

  void it("finds where invalid JSON goes wrong", () => {
    const cases = [
      ['{"a": }', 6, 'expected a value, found "}"'],
      ['{"a": 1,}', 8, 'expected a property name in double quotes, found "}"'],
      ["{a: 1}", 1, 'expected a property name in double quotes, found "a"'],
      ['{"a" 1}', 5, "expected ':' after the property name, found \"1\""],
      ["[1 2]", 3, "expected ',' or ']' after a list item, found \"2\""],
      ['"a', 0, "string is not closed"],
      ['"a\u0001"', 2, "control character in a string: escape it (\\n, \\t, \\u0000)"],
      ['"\\x"', 1, "invalid escape sequence in a string"],
      ["01", 1, 'unexpected "1" after the end of the document'],
      ["'a'", 0, 'expected a value, found "\'"'],
      ["", 0, "expected a value, found the end of the file"],
      ["[", 1, "expected a value, found the end of the file"],
    ] as const;
    for (const [text, offset, problem] of cases) {
      assert.throws(() => JSON.parse(text));
      assert.deepEqual(findJsonSyntaxError(text), { offset, problem }, text);
    }
  });

  void it("stops at 64 levels of nesting", () => {
    assert.equal(findJsonSyntaxError(`${"[".repeat(64)}${"]".repeat(64)}`), undefined);
    assert.deepEqual(findJsonSyntaxError(`${"[".repeat(66)}${"]".repeat(66)}`), {
      offset: 65,
      problem: "nested more than 64 levels deep",
    });
  });
});

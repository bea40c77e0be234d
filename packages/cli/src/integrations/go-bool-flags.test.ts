import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { rewriteBoolFlags } from "./go-bool-flags.js";

// nsc-conventions.md: "`--enable-magic-dns` is a boolean flag: `--enable-magic-dns`, `--enable-magic-dns=true`
// and `--enable-magic-dns=false` all work."
describe("rewriteBoolFlags", () => {
  const names = ["enable-magic-dns"];
  it("turns =true and =false (and Go's other spellings) into the flag and its negation", () => {
    assert.deepEqual(rewriteBoolFlags(["c", "--enable-magic-dns=true"], names), ["c", "--enable-magic-dns"]);
    assert.deepEqual(rewriteBoolFlags(["--enable-magic-dns=false", "c"], names), [
      "--no-enable-magic-dns",
      "c",
    ]);
    assert.deepEqual(rewriteBoolFlags(["--enable-magic-dns=1", "--enable-magic-dns=F"], names), [
      "--enable-magic-dns",
      "--no-enable-magic-dns",
    ]);
  });

  it("leaves other arguments, the bare flag and everything after -- alone", () => {
    const args = ["--enable-magic-dns", "--tag=x", "--", "--enable-magic-dns=false"];
    assert.deepEqual(rewriteBoolFlags(args, names), args);
  });

  it("refuses a value that is not a boolean, with the flag parser's text", () => {
    assert.throws(
      () => rewriteBoolFlags(["--enable-magic-dns=yes"], names),
      (error: unknown) =>
        error instanceof NscError &&
        error.message ===
          'invalid argument "yes" for "--enable-magic-dns" flag: strconv.ParseBool: parsing "yes": invalid syntax',
    );
  });
});

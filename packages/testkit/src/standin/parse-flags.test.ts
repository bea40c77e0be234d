import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CliFailure } from "./cli-failure.js";
import { boolFlag, durationFlag, parseFlags, stringFlag, type FlagDefinition } from "./parse-flags.js";

const DEFINITIONS: readonly FlagDefinition[] = [
  { name: "auth-key", kind: "string", default: "", aliases: ["authkey"] },
  { name: "accept-dns", kind: "bool", default: true },
  { name: "timeout", kind: "duration", default: 0 },
];

describe("parseFlags (Go flag rules)", () => {
  it("accepts one or two dashes, =value or the next argument, and aliases", () => {
    const flags = parseFlags(["-authkey", "k", "--accept-dns=false", "--timeout=1m30s", "rest"], DEFINITIONS);
    assert.equal(stringFlag(flags, "auth-key"), "k");
    assert.equal(boolFlag(flags, "accept-dns"), false);
    assert.equal(durationFlag(flags, "timeout"), 90_000);
    assert.deepEqual(flags.positional, ["rest"]);
    assert.deepEqual([...flags.given].sort(), ["accept-dns", "auth-key", "timeout"]);
  });

  it("does not take the next argument for a boolean", () => {
    const flags = parseFlags(["--accept-dns", "false"], DEFINITIONS);
    assert.equal(boolFlag(flags, "accept-dns"), true);
    assert.deepEqual(flags.positional, ["false"]);
  });

  it("fails like Go with exit code 2", () => {
    const failure = (args: string[]): CliFailure => {
      try {
        parseFlags(args, DEFINITIONS);
      } catch (error) {
        if (error instanceof CliFailure) return error;
      }
      throw new Error("expected a failure");
    };
    assert.equal(failure(["--client-id=x"]).message, "flag provided but not defined: -client-id");
    assert.equal(failure(["--client-id=x"]).exitCode, 2);
    assert.equal(failure(["--auth-key"]).message, "flag needs an argument: -auth-key");
    assert.equal(failure(["--timeout=soon"]).message, 'invalid value "soon" for flag -timeout: parse error');
    assert.equal(
      failure(["--accept-dns=maybe"]).message,
      'invalid boolean value "maybe" for -accept-dns: parse error',
    );
  });
});

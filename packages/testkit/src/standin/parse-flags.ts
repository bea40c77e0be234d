import { CliFailure } from "./cli-failure.js";
import { parseGoDuration } from "./go-duration.js";

/** A flag a subcommand defines. */
export interface FlagDefinition {
  readonly name: string;
  readonly kind: "string" | "bool" | "duration";
  /** The value when the flag is not given. */
  readonly default: string | boolean | number;
  /** Other names for the same flag (`authkey` for `auth-key`). */
  readonly aliases?: readonly string[];
}

/** Parsed flags: values by canonical name, which ones were given, and the arguments after the flags. */
export interface ParsedFlags {
  readonly values: ReadonlyMap<string, string | boolean | number>;
  readonly given: ReadonlySet<string>;
  readonly positional: readonly string[];
}

const GO_TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const GO_FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/** How strictly {@link parseFlags} reads. */
export interface ParseFlagsOptions {
  /**
   * Refuse a flag given twice (aliases included), as Tailscale's CLI does from v1.84:
   * `invalid value "b" for flag -hostname: flag provided multiple times`, exit 2.
   */
  readonly rejectRepeats?: boolean;
}

const REPEATED = "flag provided multiple times";

/**
 * Parses arguments with Go `flag` package rules: `-x` and `--x` alike, `=value` or (non-boolean) the next
 * argument, booleans only as `--x` or `--x=false`, parsing stops at the first non-flag or `--`. Errors are
 * Go's texts with exit code 2 (`flag provided but not defined: -client-id`).
 */
export function parseFlags(
  args: readonly string[],
  definitions: readonly FlagDefinition[],
  options: ParseFlagsOptions = {},
): ParsedFlags {
  const byName = new Map<string, FlagDefinition>();
  for (const definition of definitions) {
    byName.set(definition.name, definition);
    for (const alias of definition.aliases ?? []) byName.set(alias, definition);
  }
  const values = new Map<string, string | boolean | number>(definitions.map((d) => [d.name, d.default]));
  const given = new Set<string>();
  let index = 0;
  while (index < args.length) {
    const arg = args[index] ?? "";
    if (arg.length < 2 || !arg.startsWith("-")) break;
    index += 1;
    if (arg === "--") break;
    const body = arg.startsWith("--") ? arg.slice(2) : arg.slice(1);
    if (body === "" || body.startsWith("-") || body.startsWith("="))
      throw new CliFailure(`bad flag syntax: ${arg}`, 2);
    const equals = body.indexOf("=");
    const name = equals < 0 ? body : body.slice(0, equals);
    let value = equals < 0 ? undefined : body.slice(equals + 1);
    const definition = byName.get(name);
    if (definition === undefined) throw new CliFailure(`flag provided but not defined: -${name}`, 2);
    const repeated = options.rejectRepeats === true && given.has(definition.name);
    switch (definition.kind) {
      case "bool": {
        // Go's flag package words a failing boolean Set differently with and without `=value`.
        if (repeated && value === undefined)
          throw new CliFailure(`invalid boolean flag ${name}: ${REPEATED}`, 2);
        if (repeated)
          throw new CliFailure(`invalid boolean value ${JSON.stringify(value)} for -${name}: ${REPEATED}`, 2);
        if (value !== undefined && !GO_TRUE.has(value) && !GO_FALSE.has(value)) {
          throw new CliFailure(`invalid boolean value ${JSON.stringify(value)} for -${name}: parse error`, 2);
        }
        values.set(definition.name, value === undefined || GO_TRUE.has(value));
        break;
      }
      case "string":
      case "duration": {
        if (value === undefined) {
          if (index >= args.length) throw new CliFailure(`flag needs an argument: -${name}`, 2);
          value = args[index] ?? "";
          index += 1;
        }
        if (repeated)
          throw new CliFailure(`invalid value ${JSON.stringify(value)} for flag -${name}: ${REPEATED}`, 2);
        if (definition.kind === "string") {
          values.set(definition.name, value);
        } else {
          const ms = parseGoDuration(value);
          if (ms === undefined)
            throw new CliFailure(`invalid value ${JSON.stringify(value)} for flag -${name}: parse error`, 2);
          values.set(definition.name, ms);
        }
        break;
      }
      default: {
        throw new Error(`unknown flag kind ${String(definition.kind satisfies never)}`);
      }
    }
    given.add(definition.name);
  }
  return { values, given, positional: args.slice(index) };
}

/** Reads a string flag. */
export function stringFlag(flags: ParsedFlags, name: string): string {
  const value = flags.values.get(name);
  return typeof value === "string" ? value : "";
}

/** Reads a boolean flag. */
export function boolFlag(flags: ParsedFlags, name: string): boolean {
  return flags.values.get(name) === true;
}

/** Reads a duration flag, in milliseconds. */
export function durationFlag(flags: ParsedFlags, name: string): number {
  const value = flags.values.get(name);
  return typeof value === "number" ? value : 0;
}

import { NscError } from "@nsc/core/errors/nsc-error.js";
import type { TextSink } from "./nsc-io.js";

/** How a command prints its result. */
export type OutputFormat = "plain" | "json";

/** Parses `-o`/`--output`; anything else fails with nsc's own text, `invalid output format: X`. */
export function parseOutputFormat(value: string): OutputFormat {
  if (value === "plain" || value === "json") return value;
  throw new NscError("invalid_output_format", `invalid output format: ${value}`);
}

/** Prints a value as 2-space indented JSON, as every `-o json` does. */
export function printJson(out: TextSink, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

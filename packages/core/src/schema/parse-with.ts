import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { NscError } from "../errors/nsc-error.js";

let englishMessages = false;

/**
 * Parses `value` with a zod schema and turns the first problem into an {@link NscError}
 * (`invalid_request`) whose message names the field, so every client sees the same wording.
 */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what = "request body",
  fieldPrefix = "",
): z.output<S> {
  // zod/mini ships no messages of its own; the English ones are configured on first use, not at import,
  // so that merely importing a schema costs nothing.
  if (!englishMessages) {
    z.config(en());
    englishMessages = true;
  }
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new NscError("invalid_request", `invalid ${what}`);
  const path = issue.path.map(String).join(".");
  const field = fieldPrefix + path;
  const where = path === "" ? "" : `field ${JSON.stringify(field)} `;
  throw new NscError("invalid_request", `invalid ${what}: ${where}${describeIssue(issue)}`, {
    ...(field === "" ? {} : { field: field.replace(/\.$/u, "") }),
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_type":
      return issue.input === undefined
        ? `is required (${issue.expected})`
        : `must be ${article(issue.expected)}`;
    case "too_big":
      return `is too long (at most ${String(issue.maximum)})`;
    case "too_small":
      return `is too short (at least ${String(issue.minimum)})`;
    case "invalid_value":
    case "invalid_format":
    case "not_multiple_of":
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return issue.message;
    default: {
      return (issue satisfies never as { message: string }).message;
    }
  }
}

function article(expected: string): string {
  return /^[aeiou]/u.test(expected) ? `an ${expected}` : `a ${expected}`;
}

import type * as z from "zod/mini";
import type { Wire } from "@nsc/core/api/wire.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";

/**
 * Checks an answer of the server against core's schema of it, the same schema the server builds the
 * answer with. Fields the schema does not know are dropped, not refused: a newer server may add fields,
 * and a runner's older CLI must keep working while the servers are upgraded first. Any other mismatch
 * (a field missing, of another type or value) means a server of another version (or not an nsc server): it
 * fails with `unexpected_response` naming the call and the first field that does not match.
 *
 * @example
 * parseResponse(workspaceInfoSchema, body, "GET /v1/workspace") // a WorkspaceInfo
 */
export function parseResponse<S extends z.ZodMiniType>(schema: S, value: unknown, call: string): Wire<S> {
  let current = value;
  // Each pass drops the unknown fields zod reported; a union may reveal deeper ones only on the next pass.
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const result = schema.safeParse(current, { reportInput: true });
    if (result.success) return result.data as Wire<S>;
    const issues = result.error.issues;
    if (issues.length === 0 || !issues.every((issue) => issue.code === "unrecognized_keys")) {
      throw mismatch(issues[0], call);
    }
    current = issues.reduce((answer, issue) => withoutKeys(answer, issue.path, issue.keys), current);
  }
  throw mismatch(undefined, call);
}

const MAX_PASSES = 8;

function mismatch(issue: z.core.$ZodIssue | undefined, call: string): NscError {
  const path = issue?.path.map(String).join(".") ?? "";
  const problem = issue === undefined ? "does not match" : describe(issue, path);
  return new NscError(
    "unexpected_response",
    `the server's answer to ${call} ${problem}: is the CLI the same version as the server?`,
  );
}

/** A copy of `value` without `keys` in the object at `path`; everything else shared. */
function withoutKeys(value: unknown, path: readonly PropertyKey[], keys: readonly string[]): unknown {
  if (typeof value !== "object" || value === null) return value;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    if (typeof head !== "number") return value;
    return (value as unknown[]).map((item, index) => (index === head ? withoutKeys(item, rest, keys) : item));
  }
  const record = value as Record<string, unknown>;
  if (head === undefined) {
    return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
  }
  const key = String(head);
  return { ...record, [key]: withoutKeys(record[key], rest, keys) };
}

function describe(issue: z.core.$ZodIssue, path: string): string {
  const field = JSON.stringify(path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0] ?? "";
      return `has an unknown field ${JSON.stringify(path === "" ? key : `${path}.${key}`)}`;
    }
    case "invalid_type":
      if (path === "")
        return `is not ${issue.expected === "object" ? "a JSON object" : `a ${issue.expected}`}`;
      return issue.input === undefined
        ? `has no field ${field} (${issue.expected} expected)`
        : `has an invalid field ${field} (${issue.expected} expected)`;
    case "invalid_format":
      return `has an invalid field ${field} (${issue.format} expected)`;
    case "invalid_value":
      return `has an invalid field ${field} (one of ${issue.values.map(String).join(", ")} expected)`;
    case "too_big":
    case "too_small":
    case "not_multiple_of":
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return `has an invalid field ${field}`;
    default:
      return issue satisfies never;
  }
}

import type * as z from "zod/mini";
import type { Wire } from "@nsc/core/api/wire.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";

/**
 * Checks an answer of the server against core's schema of it, the same schema the server builds the
 * answer with. A mismatch means a server of another version (or not an nsc server): it fails with
 * `unexpected_response` naming the call and the first field that does not match.
 *
 * @example
 * parseResponse(workspaceInfoSchema, body, "GET /v1/workspace") // a WorkspaceInfo
 */
export function parseResponse<S extends z.ZodMiniType>(schema: S, value: unknown, call: string): Wire<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data as Wire<S>;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  const problem = issue === undefined ? "does not match" : describe(issue, path);
  throw new NscError(
    "unexpected_response",
    `the server's answer to ${call} ${problem}: is the CLI the same version as the server?`,
  );
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

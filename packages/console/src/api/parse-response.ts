import type * as z from "zod/mini";
import { ApiError } from "./api-error.js";

/**
 * Checks a response body against core's schema for it; a mismatch means server and console disagree on
 * the API.
 */
export function parseResponse<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where =
    issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.map(String).join(".")}`;
  throw new ApiError(
    200,
    "unexpected_response",
    `nsc-server sent ${what} the console does not understand${where}: check that console and server are the same version`,
  );
}

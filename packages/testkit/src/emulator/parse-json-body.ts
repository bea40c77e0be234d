import { ApiError } from "./api-error.js";

/** Parses a request body as JSON, or throws {@link ApiError} 400. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid JSON body");
  }
}

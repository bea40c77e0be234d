import { ApiError } from "../api/api-error.js";
import { getWorkspace } from "../api/workspace-api.js";
import type { Session } from "./session.js";

/**
 * Checks a token against `GET /v1/workspace` and returns the session it opens. A launcher token is
 * refused by the server (403); the error then says which tokens can sign in.
 */
export async function signIn(token: string): Promise<Session> {
  try {
    return { token, workspace: await getWorkspace(token) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      throw new ApiError(
        403,
        error.code,
        `This token cannot open the console: ${error.message}. Launcher tokens only register and destroy instances; sign in with an admin or member token.`,
      );
    }
    throw error;
  }
}

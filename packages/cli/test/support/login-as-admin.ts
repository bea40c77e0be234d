import assert from "node:assert/strict";
import { cliEnv, runNsc, type RunResult } from "@nsc/testkit";

/**
 * Logs a fresh CLI environment in to `server` with its admin token (read from standard input, as a person
 * would paste it) and returns that environment, with the login's own run for tests that check its output.
 */
export async function loginAsAdmin(server: {
  readonly url: string;
  readonly adminToken: string;
}): Promise<{ readonly env: NodeJS.ProcessEnv; readonly login: RunResult }> {
  const env = cliEnv();
  const login = await runNsc(["login", "--endpoint", server.url, "--token", "-"], {
    env,
    stdin: server.adminToken,
  });
  assert.equal(login.code, 0, login.stderr);
  return { env, login };
}

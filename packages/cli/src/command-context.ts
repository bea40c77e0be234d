import { ApiClient } from "./api/api-client.js";
import { loadCredentials } from "./config/cli-config.js";
import type { NscIo } from "./io/nsc-io.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./workload/retry-policy.js";

/**
 * What commands share: the environment, the {@link NscIo} every command prints and fetches through, the
 * retry policy of workload calls (sleeping through `io.sleep`), and an API client made on first use from
 * the saved login.
 */
export interface CommandContext {
  readonly env: NodeJS.ProcessEnv;
  readonly io: NscIo;
  readonly retry: RetryPolicy;
  client(): ApiClient;
}

export function createCommandContext(io: NscIo, env: NodeJS.ProcessEnv): CommandContext {
  let client: ApiClient | undefined;
  return {
    env,
    io,
    retry: { ...DEFAULT_RETRY_POLICY, sleep: io.sleep },
    client: () => {
      if (client === undefined) {
        const { endpoint, token } = loadCredentials(env);
        client = new ApiClient(endpoint, token, io.fetch);
      }
      return client;
    },
  };
}

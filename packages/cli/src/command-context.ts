import { ApiClient } from "./api/api-client.js";
import { loadCredentials } from "./config/cli-config.js";

/** What commands share: the environment, and an API client made on first use from the saved login. */
export interface CommandContext {
  readonly env: NodeJS.ProcessEnv;
  client(): ApiClient;
}

export function createCommandContext(env: NodeJS.ProcessEnv): CommandContext {
  let client: ApiClient | undefined;
  return {
    env,
    client: () => {
      if (client === undefined) {
        const { endpoint, token } = loadCredentials(env);
        client = new ApiClient(endpoint, token);
      }
      return client;
    },
  };
}

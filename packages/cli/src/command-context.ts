import { ApiClient } from "./api/api-client.js";
import { loadCredentials } from "./config/cli-config.js";
import { networkSettings } from "./http/network-settings.js";
import { createNodeTransport, type NetworkSettings } from "./http/node-transport.js";
import type { Transport } from "./http/transport.js";
import { DEFAULT_RETRY_POLICY, formatRetryNotice, type RetryPolicy } from "./workload/retry-policy.js";

/**
 * What commands share: the environment, the global flags, the HTTP transport and an API client made on
 * first use from the saved login. Nothing is read before a command needs it.
 */
export interface CommandContext {
  readonly env: NodeJS.ProcessEnv;
  /** The transport every request goes through: `node:http(s)` with the settings of {@link networkSettings}. */
  transport(): Transport;
  client(): ApiClient;
  /** Timeouts, proxy and CA, read on first use. */
  network(): NetworkSettings;
  /** The retry policy of workload calls; each retry is announced on stderr. */
  retry(): RetryPolicy;
  /** Set from the global `--ca-file` flag before a command runs. */
  setCaFile(path: string | undefined): void;
}

/** Makes the context for one run; `transport` replaces the network (an in-process server in tests). */
export function createCommandContext(env: NodeJS.ProcessEnv, transport?: Transport): CommandContext {
  let client: ApiClient | undefined;
  let made: Transport | undefined = transport;
  let caFile: string | undefined;
  let settings: NetworkSettings | undefined;
  const context: CommandContext = {
    env,
    network: () => {
      settings ??= networkSettings(env, caFile);
      return settings;
    },
    retry: () => ({
      ...DEFAULT_RETRY_POLICY,
      onRetry: (notice) => {
        process.stderr.write(formatRetryNotice(notice));
      },
    }),
    setCaFile: (path) => {
      caFile = path;
    },
    transport: () => {
      made ??= createNodeTransport(context.network());
      return made;
    },
    client: () => {
      if (client === undefined) {
        const { endpoint, token } = loadCredentials(env);
        client = new ApiClient(endpoint, token, context.transport());
      }
      return client;
    },
  };
  return context;
}

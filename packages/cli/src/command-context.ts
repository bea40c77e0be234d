import { NscClient } from "./api/nsc-client.js";
import { loadCredentials } from "./config/cli-config.js";
import { networkSettings } from "./http/network-settings.js";
import { createNodeTransport, type NetworkSettings } from "./http/node-transport.js";
import type { Transport } from "./http/transport.js";
import type { NscIo } from "./io/nsc-io.js";
import { DEFAULT_RETRY_POLICY, formatRetryNotice, type RetryPolicy } from "./workload/retry-policy.js";

/**
 * What commands share: the environment, the {@link NscIo} every command prints through, the HTTP
 * transport, the retry policy of workload calls (sleeping through `io.sleep`, each retry announced on
 * stderr), and an API client made on first use from the saved login. Nothing is read before a command
 * needs it.
 */
export interface CommandContext {
  readonly env: NodeJS.ProcessEnv;
  readonly io: NscIo;
  readonly retry: RetryPolicy;
  /**
   * The transport every request goes through: `io.transport` when the run brings one, else `node:http(s)`
   * with the settings of {@link networkSettings}.
   */
  transport(): Transport;
  /** The client of the saved login (its API token); admin calls are tried once. */
  client(): NscClient;
  /** Timeouts, proxy and CA, read on first use. */
  network(): NetworkSettings;
  /** Set from the global `--ca-file` flag before a command runs. */
  setCaFile(path: string | undefined): void;
}

export function createCommandContext(io: NscIo, env: NodeJS.ProcessEnv): CommandContext {
  let client: NscClient | undefined;
  let transport: Transport | undefined = io.transport;
  let caFile: string | undefined;
  let settings: NetworkSettings | undefined;
  const context: CommandContext = {
    env,
    io,
    retry: {
      ...DEFAULT_RETRY_POLICY,
      sleep: io.sleep,
      now: io.now,
      onRetry: (notice) => {
        io.stderr.write(formatRetryNotice(notice));
      },
    },
    network: () => {
      settings ??= networkSettings(env, caFile);
      return settings;
    },
    setCaFile: (path) => {
      caFile = path;
    },
    transport: () => {
      transport ??= createNodeTransport(context.network());
      return transport;
    },
    client: () => {
      if (client === undefined) {
        const { endpoint, token } = loadCredentials(env);
        client = new NscClient(endpoint, { kind: "api_token", token }, { transport: context.transport() });
      }
      return client;
    },
  };
  return context;
}

import { resolve, join } from "node:path";
import { NscError } from "@nsc/core";
import type { LogLevel } from "../log/logger.js";

/** Everything `nsc-server` is configured with. Flags win over environment variables, which win over defaults. */
export interface ServerConfig {
  readonly listen: { readonly host: string; readonly port: number };
  readonly dataDir: string;
  readonly databaseUrl: string;
  /** Absent: derived from the bound address once listening. */
  readonly issuerUrl: string | undefined;
  readonly logLevel: LogLevel;
  readonly maxBodyBytes: number;
}

export interface ConfigFlags {
  readonly listen?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly issuerUrl?: string | undefined;
  readonly logLevel?: string | undefined;
}

export const DEFAULT_LISTEN = "127.0.0.1:8585";
export const DEFAULT_DATA_DIR = "./.nsc";

/** Resolves flags and `NSC_*` environment variables into a {@link ServerConfig}. */
export function resolveServerConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv): ServerConfig {
  const dataDir = resolve(flags.dataDir ?? env.NSC_DATA_DIR ?? DEFAULT_DATA_DIR);
  const logLevel = flags.logLevel ?? env.NSC_LOG_LEVEL ?? "info";
  if (!["debug", "info", "warn", "error"].includes(logLevel)) {
    throw new NscError(
      "invalid_config",
      `invalid log level ${JSON.stringify(logLevel)}: use debug, info, warn or error`,
    );
  }
  return {
    listen: parseListen(flags.listen ?? env.NSC_LISTEN ?? DEFAULT_LISTEN),
    dataDir,
    databaseUrl: flags.databaseUrl ?? env.NSC_DATABASE_URL ?? `sqlite:${join(dataDir, "nsc.db")}`,
    issuerUrl: flags.issuerUrl ?? env.NSC_ISSUER_URL,
    logLevel: logLevel as LogLevel,
    maxBodyBytes: 64 * 1024,
  };
}

/** Parses `host:port` or `[v6]:port`; port 0 picks a free port. */
export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/u.exec(value);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (host === undefined || !Number.isInteger(port) || port > 65535) {
    throw new NscError(
      "invalid_config",
      `invalid listen address ${JSON.stringify(value)}: use host:port, such as 127.0.0.1:8585`,
    );
  }
  return { host, port };
}

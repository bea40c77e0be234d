import { readFileSync } from "node:fs";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { parseDuration } from "../tokens/parse-duration.js";
import type { NetworkSettings } from "./node-transport.js";

/** How long a connection may take to open, unless `NSC_CONNECT_TIMEOUT` says otherwise. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** How long one call to a server may take in all, retries included, unless `NSC_TIMEOUT` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The CLI's network settings from its environment and flags: `NSC_CONNECT_TIMEOUT` and `NSC_TIMEOUT`
 * (durations such as `10s` or `2m`), and a private CA from `--ca-file` or else `NSC_CA_FILE` (a PEM file of
 * one or more certificates, trusted besides the system's roots). Read when a command first talks to a
 * server, never at start-up.
 *
 * @throws NscError `invalid_duration` for a bad timeout, `invalid_config` for a CA file that cannot be read
 * or is not PEM.
 */
export function networkSettings(env: NodeJS.ProcessEnv, caFileFlag?: string): NetworkSettings {
  const connectTimeoutMs = timeoutOf(env, "NSC_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT_MS);
  const timeoutMs = timeoutOf(env, "NSC_TIMEOUT", DEFAULT_TIMEOUT_MS);
  const [caFile, source] =
    caFileFlag !== undefined && caFileFlag !== ""
      ? [caFileFlag, `--ca-file ${caFileFlag}`]
      : env.NSC_CA_FILE !== undefined && env.NSC_CA_FILE !== ""
        ? [env.NSC_CA_FILE, `NSC_CA_FILE=${env.NSC_CA_FILE}`]
        : [undefined, ""];
  return {
    connectTimeoutMs,
    timeoutMs,
    env,
    ...(caFile === undefined ? {} : { extraCa: { pem: readCaFile(caFile, source), source } }),
  };
}

function timeoutOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const secs = parseDuration(value, name);
  if (secs < 1 || secs > 3600) {
    throw new NscError("invalid_duration", `${name} must be from 1s to 1h, not ${JSON.stringify(value)}`);
  }
  return secs * 1000;
}

function readCaFile(path: string, source: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new NscError(
      "invalid_config",
      `cannot read the CA file of ${source} (${typeof code === "string" ? code : "unreadable"}): give the path of a PEM certificate file`,
    );
  }
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/u.test(text)) {
    throw new NscError(
      "invalid_config",
      `the CA file of ${source} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"): export the CA certificate as PEM`,
    );
  }
  return text;
}

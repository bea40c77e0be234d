import { readFileSync } from "node:fs";
import { NscError } from "@nsc/core";
import type { ConfigFlags } from "./server-config.js";

/** Each key a config file may hold: the long flag's name, its option property and its type. */
const KEYS = {
  listen: { flag: "listen", type: "string" },
  "data-dir": { flag: "dataDir", type: "string" },
  "database-url": { flag: "databaseUrl", type: "string" },
  "issuer-url": { flag: "issuerUrl", type: "string" },
  "log-level": { flag: "logLevel", type: "string" },
  "signing-alg": { flag: "signingAlg", type: "string" },
  "id-token-max-lifetime": { flag: "idTokenMaxLifetime", type: "integer" },
  "key-rotation-days": { flag: "keyRotationDays", type: "integer" },
  "tls-cert": { flag: "tlsCert", type: "string" },
  "tls-key": { flag: "tlsKey", type: "string" },
  "export-dir": { flag: "exportDir", type: "string" },
  "retention-instances-days": { flag: "retentionInstancesDays", type: "integer" },
  "retention-audit-days": { flag: "retentionAuditDays", type: "integer" },
} as const satisfies Record<string, { flag: keyof ConfigFlags; type: "string" | "integer" }>;

/** The keys a config file accepts, in the order `--help` and the docs list them. */
export const CONFIG_FILE_KEYS: readonly string[] = Object.keys(KEYS);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads a JSON config file whose keys are the long flags' names (`{"listen": "0.0.0.0:8585",
 * "key-rotation-days": 30}`) into flag values. The file holds the same settings as the flags and nothing
 * else: an unreadable file, invalid JSON, an unknown key or a value of the wrong type is refused with a
 * message naming the file and the key.
 */
export function readConfigFile(path: string): ConfigFlags {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new NscError(
      "invalid_config",
      `cannot read config file ${path} (${reason}): check the path and that nsc-server may read it`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new NscError(
      "invalid_config",
      `config file ${path} is not valid JSON (${error instanceof Error ? error.message : "parse error"}): write one JSON object whose keys are the long flags' names`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new NscError(
      "invalid_config",
      `config file ${path} must hold one JSON object, such as {"listen": "0.0.0.0:8585"}`,
    );
  }
  const flags: Mutable<ConfigFlags> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const spec = (KEYS as Record<string, { flag: keyof ConfigFlags; type: "string" | "integer" }>)[key];
    if (spec === undefined) {
      throw new NscError(
        "invalid_config",
        `config file ${path}: unknown key ${JSON.stringify(key)}; known keys: ${CONFIG_FILE_KEYS.join(", ")}`,
      );
    }
    if (spec.type === "string" && typeof value !== "string") {
      throw new NscError(
        "invalid_config",
        `config file ${path}: ${JSON.stringify(key)} must be a string, not ${describe(value)}`,
      );
    }
    if (spec.type === "integer" && !(typeof value === "number" && Number.isInteger(value))) {
      throw new NscError(
        "invalid_config",
        `config file ${path}: ${JSON.stringify(key)} must be a whole number, not ${describe(value)}`,
      );
    }
    flags[spec.flag] = String(value);
  }
  return flags;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return typeof value === "object" ? "an object" : `the ${typeof value} ${JSON.stringify(value)}`;
}

/** Flags given on the command line (or by their environment variables) win over the config file. */
export function withConfigFile(flags: ConfigFlags & { readonly config?: string | undefined }): ConfigFlags {
  if (flags.config === undefined) return flags;
  const fromFile = readConfigFile(flags.config);
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  return { ...fromFile, ...given };
}

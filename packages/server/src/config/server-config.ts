import { resolve, join } from "node:path";
import { NscError, isOneOf } from "@nsc/core";
import { DEFAULT_ID_TOKEN_LIFETIME_SECS, MAX_ID_TOKEN_LIFETIME_SECS } from "@nsc/core";
import type { LogLevel } from "../log/logger.js";
import { DEFAULT_EXTERNAL_FETCH, type ExternalFetchSettings } from "../trust/fetch-external.js";
import { readFileSync } from "node:fs";
import { DEFAULT_ROTATION_POLICY, type RotationPolicy } from "../signing/rotation-plan.js";
import { isSigningAlg, type SigningAlg } from "../signing/signing-alg.js";

/** Everything `nsc-server` is configured with. Flags win over environment variables, which win over defaults. */
export interface ServerConfig {
  readonly listen: { readonly host: string; readonly port: number };
  readonly dataDir: string;
  readonly databaseUrl: string;
  /** Absent: derived from the bound address once listening. */
  readonly issuerUrl: string | undefined;
  readonly logLevel: LogLevel;
  readonly maxBodyBytes: number;
  readonly signingAlg: SigningAlg;
  readonly idTokenLifetime: { readonly default: number; readonly max: number };
  readonly rotationPolicy: RotationPolicy;
  /** `max-age` of discovery and JWKS responses, in seconds. */
  readonly jwksMaxAgeSecs: number;
  /** How often each replica re-reads the signing keys, in milliseconds. */
  readonly keyRefreshMs: number;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  /** How external issuers' discovery documents and JWKS are fetched (token exchange). */
  readonly externalFetch: ExternalFetchSettings;
  /** Where `serve` keeps a static copy of the discovery document and JWKS, rewritten on rotation. */
  readonly exportDir: string | undefined;
  readonly retention: RetentionPolicy;
}

/** How long rows are kept once they are done with, in milliseconds. */
export interface RetentionPolicy {
  /** Destroyed or expired instances, counted from when they were destroyed or expired. */
  readonly instances: number;
  /** Audit events, counted from when they happened. */
  readonly audit: number;
  /**
   * `id_token.issued` events: the audit retention, but never less than the longest ID token lifetime
   * plus {@link ID_TOKEN_AUDIT_MARGIN_MS}, so every token that can still be presented has its event.
   */
  readonly idTokenAudit: number;
}

const DAY_MS = 24 * 3600 * 1000;
/** Default retention of destroyed and expired instances: 30 days. */
export const DEFAULT_INSTANCE_RETENTION_DAYS = 30;
/** Default retention of audit events: 365 days. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
/** What `id_token.issued` events are kept beyond the longest token lifetime, at the least: one day. */
export const ID_TOKEN_AUDIT_MARGIN_MS = DAY_MS;

export interface ConfigFlags {
  readonly listen?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly issuerUrl?: string | undefined;
  readonly logLevel?: string | undefined;
  readonly signingAlg?: string | undefined;
  readonly idTokenMaxLifetime?: string | undefined;
  readonly keyRotationDays?: string | undefined;
  readonly tlsCert?: string | undefined;
  readonly tlsKey?: string | undefined;
  readonly trustCaFile?: string | undefined;
  readonly exportDir?: string | undefined;
  readonly retentionInstancesDays?: string | undefined;
  readonly retentionAuditDays?: string | undefined;
}

export const DEFAULT_LISTEN = "127.0.0.1:8585";
export const DEFAULT_DATA_DIR = "./.nsc";

/** Resolves flags and `NSC_*` environment variables into a {@link ServerConfig}. */
export function resolveServerConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv): ServerConfig {
  const dataDir = resolve(flags.dataDir ?? env.NSC_DATA_DIR ?? DEFAULT_DATA_DIR);
  const logLevel = flags.logLevel ?? env.NSC_LOG_LEVEL ?? "info";
  if (!isOneOf(["debug", "info", "warn", "error"], logLevel)) {
    throw new NscError(
      "invalid_config",
      `invalid log level ${JSON.stringify(logLevel)}: use debug, info, warn or error`,
    );
  }
  const signingAlg = flags.signingAlg ?? env.NSC_SIGNING_ALG ?? "RS256";
  if (!isSigningAlg(signingAlg)) {
    throw new NscError(
      "invalid_config",
      `invalid signing algorithm ${JSON.stringify(signingAlg)}: use RS256 or ES256`,
    );
  }
  const maxLifetime = positiveInteger(
    flags.idTokenMaxLifetime ?? env.NSC_ID_TOKEN_MAX_LIFETIME ?? String(MAX_ID_TOKEN_LIFETIME_SECS),
    "--id-token-max-lifetime (seconds)",
    60,
    24 * 3600,
  );
  const rotationDays = positiveInteger(
    flags.keyRotationDays ?? env.NSC_KEY_ROTATION_DAYS ?? "30",
    "--key-rotation-days",
    1,
    365,
  );
  const tlsCert = flags.tlsCert ?? env.NSC_TLS_CERT;
  const tlsKey = flags.tlsKey ?? env.NSC_TLS_KEY;
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new NscError("invalid_config", "give both --tls-cert and --tls-key, or neither");
  }
  const trustCaFile = flags.trustCaFile ?? env.NSC_TRUST_CA_FILE;
  const day = DAY_MS;
  const instanceDays = positiveInteger(
    flags.retentionInstancesDays ??
      env.NSC_RETENTION_INSTANCES_DAYS ??
      String(DEFAULT_INSTANCE_RETENTION_DAYS),
    "--retention-instances-days",
    1,
    36500,
  );
  const auditDays = positiveInteger(
    flags.retentionAuditDays ?? env.NSC_RETENTION_AUDIT_DAYS ?? String(DEFAULT_AUDIT_RETENTION_DAYS),
    "--retention-audit-days",
    1,
    36500,
  );
  const exportDir = flags.exportDir ?? env.NSC_EXPORT_DIR;
  return {
    exportDir: exportDir === undefined ? undefined : resolve(exportDir),
    retention: {
      instances: instanceDays * day,
      audit: auditDays * day,
      idTokenAudit: Math.max(auditDays * day, maxLifetime * 1000 + ID_TOKEN_AUDIT_MARGIN_MS),
    },
    signingAlg,
    idTokenLifetime: { default: Math.min(DEFAULT_ID_TOKEN_LIFETIME_SECS, maxLifetime), max: maxLifetime },
    rotationPolicy: {
      ...DEFAULT_ROTATION_POLICY,
      rotationPeriod: rotationDays * day,
      prepublishLead: Math.min(DEFAULT_ROTATION_POLICY.prepublishLead, (rotationDays * day) / 2),
      maxTokenLifetime: maxLifetime * 1000,
    },
    jwksMaxAgeSecs: 3600,
    keyRefreshMs: 60_000,
    tls: tlsCert === undefined || tlsKey === undefined ? undefined : { certFile: tlsCert, keyFile: tlsKey },
    listen: parseListen(flags.listen ?? env.NSC_LISTEN ?? DEFAULT_LISTEN),
    dataDir,
    databaseUrl: flags.databaseUrl ?? env.NSC_DATABASE_URL ?? `sqlite:${join(dataDir, "nsc.db")}`,
    issuerUrl: flags.issuerUrl ?? env.NSC_ISSUER_URL,
    logLevel,
    maxBodyBytes: 64 * 1024,
    externalFetch: { ...DEFAULT_EXTERNAL_FETCH, extraCaPem: readCaFile(trustCaFile) },
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

function positiveInteger(value: string, what: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new NscError(
      "invalid_config",
      `invalid ${what} ${JSON.stringify(value)}: use a whole number from ${min} to ${max}${min > 0 ? " (0 is not allowed)" : ""}`,
    );
  }
  return n;
}

/** Reads `--trust-ca-file`: PEM certificates trusted, besides the system's, when fetching external issuers. */
function readCaFile(path: string | undefined): string | undefined {
  if (path === undefined || path === "") return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new NscError(
      "invalid_config",
      `cannot read --trust-ca-file ${path} (${String((error as { code?: unknown }).code ?? error)})`,
    );
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new NscError("invalid_config", `--trust-ca-file ${path} holds no PEM certificate`);
  }
  return text;
}

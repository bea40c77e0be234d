import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { loadCredentials } from "../config/cli-config.js";
import { metadataDir } from "./metadata-dir.js";
import { parseTokenFile } from "./token-file.js";

/** A workload's credential and the server it talks to, with where each came from (for messages). */
export interface WorkloadCredential {
  readonly token: string;
  /** The token file it was read from. */
  readonly source: string;
  readonly endpoint: string;
  /** `NSC_ENDPOINT`, `the token file` or `the saved login`. */
  readonly endpointSource: string;
}

/** Reads a file's text, or undefined when it does not exist; injected by tests. */
export type ReadTextFile = (path: string) => string | undefined;

const readIfPresent: ReadTextFile = (path) => {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw new NscError(
      "workload_credential_missing",
      `cannot read the workload token file ${path} (${String((error as { code?: unknown }).code ?? error)}): check its permissions`,
    );
  }
};

/**
 * Finds the workload credential of this machine. The token file is, in order:
 * 1. `$NSC_TOKEN_FILE`, when set;
 * 2. `<metadata dir>/token.json`, the instance's own (`/var/run/nsc/token.json`, see {@link metadataDir}).
 *
 * A file that is missing is skipped; one that exists but is malformed is an error at once. The server is,
 * in order: `$NSC_ENDPOINT`; the token file's `endpoint`; the saved login's endpoint (`nsc login`).
 *
 * @throws NscError `workload_credential_missing` listing every place looked at and what to do;
 * `invalid_config` for a malformed token file or when no endpoint is known.
 */
export function findWorkloadCredential(
  env: NodeJS.ProcessEnv,
  read: ReadTextFile = readIfPresent,
): WorkloadCredential {
  const tried: string[] = [];
  const envFile = env.NSC_TOKEN_FILE;
  const candidates: string[] = [];
  if (envFile === undefined || envFile === "") tried.push("NSC_TOKEN_FILE (not set)");
  else candidates.push(envFile);
  candidates.push(join(metadataDir(env), "token.json"));

  for (const path of candidates) {
    const text = read(path);
    if (text === undefined) {
      tried.push(path === envFile ? `NSC_TOKEN_FILE=${path} (no such file)` : `${path} (no such file)`);
      continue;
    }
    const file = parseTokenFile(text, path);
    const endpoint = endpointFor(env, file.endpoint);
    return { token: file.bearer_token, source: path, ...endpoint };
  }
  throw new NscError(
    "workload_credential_missing",
    `no workload credential found; looked at: ${tried.join(", ")}. ` +
      "On an instance, mount its metadata directory (/var/run/nsc) so token.json is readable; elsewhere, " +
      "register one with `nsc instances create --token-file PATH` and set NSC_TOKEN_FILE=PATH",
  );
}

function endpointFor(
  env: NodeJS.ProcessEnv,
  fromFile: string | undefined,
): { readonly endpoint: string; readonly endpointSource: string } {
  const fromEnv = env.NSC_ENDPOINT;
  if (fromEnv !== undefined && fromEnv !== "") return { endpoint: fromEnv, endpointSource: "NSC_ENDPOINT" };
  if (fromFile !== undefined) return { endpoint: fromFile, endpointSource: "the token file" };
  try {
    return { endpoint: loadCredentials(env).endpoint, endpointSource: "the saved login" };
  } catch (error) {
    if (!(error instanceof NscError && error.code === "not_logged_in")) throw error;
  }
  throw new NscError(
    "invalid_config",
    'no nsc server endpoint for the workload token: set NSC_ENDPOINT, or add "endpoint" to the token file',
  );
}

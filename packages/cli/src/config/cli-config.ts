import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { NscError } from "@nsc/core/errors/nsc-error.js";

/** Where and with what the CLI talks to the server. */
export interface Credentials {
  readonly endpoint: string;
  readonly token: string;
}

/**
 * The directory of `config.json`: `$NSC_CONFIG_DIR`, else `$XDG_CONFIG_HOME/nsc`, else `~/.config/nsc`
 * (`~` being `$HOME` of `env`, else the user's home directory).
 */
export function configDir(env: NodeJS.ProcessEnv): string {
  const home = env.HOME === undefined || env.HOME === "" ? homedir() : env.HOME;
  return env.NSC_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(home, ".config"), "nsc");
}

/** Saves the login to `config.json` with mode 0600 in a 0700 directory. */
export function saveCredentials(env: NodeJS.ProcessEnv, credentials: Credentials): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, "config.json");
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/**
 * Finds the credentials for admin commands: `NSC_ENDPOINT` and `NSC_TOKEN` override the saved login,
 * field by field.
 *
 * @throws NscError `not_logged_in` naming what is missing and how to fix it.
 */
export function loadCredentials(env: NodeJS.ProcessEnv): Credentials {
  const saved = readSaved(env);
  const endpoint = env.NSC_ENDPOINT ?? saved?.endpoint;
  const token = env.NSC_TOKEN ?? saved?.token;
  if (endpoint === undefined || token === undefined) {
    throw new NscError(
      "not_logged_in",
      "not logged in: run `nsc login --endpoint URL --token-file FILE`, or set NSC_ENDPOINT and NSC_TOKEN",
    );
  }
  return { endpoint, token };
}

function readSaved(env: NodeJS.ProcessEnv): Partial<Credentials> | undefined {
  const file = join(configDir(env), "config.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null) throw new Error("not an object");
    const { endpoint, token } = value as Record<string, unknown>;
    return {
      ...(typeof endpoint === "string" ? { endpoint } : {}),
      ...(typeof token === "string" ? { token } : {}),
    };
  } catch {
    throw new NscError("invalid_config", `${file} is not valid: run \`nsc login\` again`);
  }
}

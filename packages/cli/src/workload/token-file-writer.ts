import { randomBytes } from "node:crypto";
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { formatTokenFile, type TokenFile } from "./token-file.js";

/** A token file being written: nothing is visible at its path until {@link TokenFileWriter.commit}. */
export interface TokenFileWriter {
  readonly path: string;
  /** Writes the content and moves it into place atomically (replacing any file there), mode 0600. */
  commit(file: TokenFile): void;
  /** Gives up: removes the temporary file. */
  discard(): void;
}

/**
 * Starts writing a workload token file at `path`: creates its folder (mode 0700) when missing and, beside
 * the target, a temporary file created exclusively with mode 0600. Call it before registering an instance,
 * so a path that cannot be written fails before a token exists. {@link TokenFileWriter.commit} then writes,
 * syncs and renames it over `path`, so readers see the old file or the whole new one, never a part.
 *
 * @example
 * const writer = prepareTokenFile("/var/run/nsc/token.json");
 * try { writer.commit({ bearer_token: token }); } catch (e) { writer.discard(); throw e; }
 * @throws NscError `invalid_config` naming the path and the reason.
 */
export function prepareTokenFile(path: string): TokenFileWriter {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    fd = openSync(temp, "wx", 0o600);
  } catch (error) {
    throw cannotWrite(path, error);
  }
  const handle = fd;
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    closeSync(handle);
  };
  return {
    path: target,
    commit: (file) => {
      try {
        fchmodSync(handle, 0o600);
        writeSync(handle, formatTokenFile(file));
        fsyncSync(handle);
        close();
        renameSync(temp, target);
      } catch (error) {
        close();
        removeQuietly(temp);
        throw cannotWrite(path, error);
      }
    },
    discard: () => {
      close();
      removeQuietly(temp);
    },
  };
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function cannotWrite(path: string, error: unknown): NscError {
  const code = (error as { code?: unknown }).code;
  return new NscError(
    "invalid_config",
    `cannot write the token file ${path} (${typeof code === "string" ? code : String(error)}): choose a path in a folder you can write`,
  );
}

import { NSC_COMMIT, NSC_VERSION } from "./build-info.js";

/**
 * What `nsc --version` and `nsc-server --version` print: one line, the same for both.
 *
 * @example
 * versionLine("nsc") // "nsc 0.1.0 (commit 3f2a9c1d0b7e)"
 */
export function versionLine(program: string): string {
  return `${program} ${NSC_VERSION} (commit ${NSC_COMMIT})`;
}

/** The version and commit as the server's `GET /version` returns them. */
export function buildInfo(): { readonly version: string; readonly commit: string } {
  return { version: NSC_VERSION, commit: NSC_COMMIT };
}

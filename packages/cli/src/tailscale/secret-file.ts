import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Writes `secret` to a file of mode 0600 in a fresh private folder (mode 0700) under `parent`, runs `use`
 * with its path, and removes the folder afterwards — also when `use` fails. This is how an ID token or
 * auth key reaches `tailscale up` (as `file:<path>`) without ever appearing in an argv.
 *
 * @example
 * await withSecretFile(idToken, (path) => run("tailscale", ["up", `--id-token=file:${path}`]));
 */
export async function withSecretFile<T>(
  secret: string,
  use: (path: string) => Promise<T>,
  parent: string = tmpdir(),
): Promise<T> {
  const dir = mkdtempSync(join(parent, "nsc-join-"));
  try {
    const path = join(dir, "secret");
    writeFileSync(path, secret, { mode: 0o600, flag: "wx" });
    return await use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

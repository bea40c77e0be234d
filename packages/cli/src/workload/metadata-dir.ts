/** Where an instance finds its metadata, `token.json` among it. */
export const DEFAULT_METADATA_DIR = "/var/run/nsc";

/**
 * The instance metadata directory: `/var/run/nsc`, or `$NSC_METADATA_DIR` when set (tests use it to stand
 * in for the machine's directory).
 */
export function metadataDir(env: NodeJS.ProcessEnv): string {
  const dir = env.NSC_METADATA_DIR;
  return dir === undefined || dir === "" ? DEFAULT_METADATA_DIR : dir;
}

/**
 * True when `argv` asks for JSON output (`-o json`, `-ojson`, `--output json`, `--output=json`), read
 * before parsing so that even a usage error is reported in JSON.
 */
export function wantsJson(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--") return false;
    if ((arg === "-o" || arg === "--output") && argv[i + 1] === "json") return true;
    if (arg === "-ojson" || arg === "--output=json") return true;
  }
  return false;
}

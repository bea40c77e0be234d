import { CliFailure } from "./cli-failure.js";

const ALPHANUMERIC = /^[A-Za-z0-9]$/u;
const DNS_CHAR = /^[A-Za-z0-9-]$/u;

/**
 * Checks `--hostname` as the real client does (dnsname.ValidHostname): at most 256 bytes, each
 * `.`-separated label 1–63 characters of letters, digits and `-`, starting and ending with a letter or
 * digit. Throws with the real texts, e.g. `"bad-" is not a valid DNS label: must end with a letter or number`.
 */
export function checkHostname(hostname: string): void {
  if (hostname.length > 256) throw new CliFailure("hostname too long");
  for (const label of hostname.replace(/\.$/u, "").split(".")) {
    const problem = labelProblem(label);
    if (problem !== undefined) throw new CliFailure(problem);
  }
}

function labelProblem(label: string): string | undefined {
  const quoted = JSON.stringify(label);
  if (label === "") return "empty DNS label";
  if (label.length > 63) return `${quoted} is too long, max length is 63 bytes`;
  if (!ALPHANUMERIC.test(label.charAt(0)))
    return `${quoted} is not a valid DNS label: must start with a letter or number`;
  if (!ALPHANUMERIC.test(label.charAt(label.length - 1))) {
    return `${quoted} is not a valid DNS label: must end with a letter or number`;
  }
  for (const char of label.slice(1, -1)) {
    if (!DNS_CHAR.test(char))
      return `${quoted} is not a valid DNS label: contains invalid character ${JSON.stringify(char)}`;
  }
  return undefined;
}

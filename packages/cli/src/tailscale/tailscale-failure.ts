/**
 * What went wrong in a join, read from the Tailscale client's output (or from the same texts when nsc made
 * the HTTP calls itself):
 * - `tags_rejected`: `requested tags [tag:a tag:b] are invalid or not permitted`;
 * - `token_rejected`: `token exchange failed with status 401|403`, or `{"message":"Unauthorized"}`;
 * - `client_too_old`: `flag provided but not defined: -client-id`;
 * - `login_server_change`: a Running node asked to move to another `--login-server` without `--force-reauth`;
 * - `timed_out`: `timeout waiting for Tailscale service to enter a Running state…`; `interactive` when the
 *   client fell back to an interactive login (`To authenticate, visit:`);
 * - `server_error`: Tailscale answered HTTP 5xx, or key creation failed with a body that is not JSON (a
 *   proxy's error page: the client's text then has no status); worth another try;
 * - `network`: the client could not reach the control server (`dial tcp`, `connection refused`,
 *   `Client.Timeout exceeded`); worth another try;
 * - `other`: anything else, with the client's last line.
 */
export type TailscaleFailure =
  | { readonly kind: "tags_rejected"; readonly tags: readonly string[] }
  | { readonly kind: "token_rejected"; readonly status: number | undefined }
  | { readonly kind: "client_too_old"; readonly flag: string }
  | { readonly kind: "login_server_change" }
  | { readonly kind: "timed_out"; readonly interactive: boolean }
  | { readonly kind: "server_error"; readonly status: number | undefined; readonly lastLine: string }
  | { readonly kind: "network"; readonly lastLine: string }
  | { readonly kind: "other"; readonly lastLine: string };

/** Failures worth another try: they say nothing about the configuration. */
export function isTransient(failure: TailscaleFailure): boolean {
  return failure.kind === "server_error" || failure.kind === "network";
}

/** The last non-empty line of some output, trimmed; `(no output)` when there is none. */
export function lastLineOf(output: string): string {
  const lines = output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return lines.at(-1) ?? "(no output)";
}

const NETWORK = /dial tcp|connection refused|Client\.Timeout exceeded|ECONNREFUSED|ECONNRESET|ETIMEDOUT/u;
const KEY_CREATION = "unexpected error while creating authkey: ";

/**
 * Classifies a failed `tailscale up` (or nsc's own token exchange and key creation) by its output.
 *
 * @example
 * classifyTailscaleFailure("… Status: 400, Message: \"requested tags [tag:x] are invalid or not permitted\"")
 * // { kind: "tags_rejected", tags: ["tag:x"] }
 */
export function classifyTailscaleFailure(output: string): TailscaleFailure {
  const tags = /requested tags \[([^\]]*)\] are invalid or not permitted/u.exec(output);
  if (tags !== null) {
    return { kind: "tags_rejected", tags: (tags[1] ?? "").split(/[\s,]+/u).filter((t) => t !== "") };
  }
  const exchange = /token exchange failed with status (\d{3})/u.exec(output);
  const exchangeStatus = exchange === null ? undefined : Number(exchange[1]);
  if (exchangeStatus === 401 || exchangeStatus === 403)
    return { kind: "token_rejected", status: exchangeStatus };
  const flag = /flag provided but not defined: -+([\w-]+)/u.exec(output);
  if (flag !== null) return { kind: "client_too_old", flag: flag[1] ?? "" };
  if (output.includes("can't change --login-server without --force-reauth")) {
    return { kind: "login_server_change" };
  }
  if (output.includes("timeout waiting for Tailscale service to enter a Running state")) {
    return { kind: "timed_out", interactive: output.includes("To authenticate, visit") };
  }
  const status =
    exchangeStatus ?? numberOf(/Status: (\d{3})/u.exec(output)) ?? numberOf(/status (\d{3})\b/u.exec(output));
  if (status !== undefined && status >= 500 && status <= 599) {
    return { kind: "server_error", status, lastLine: lastLineOf(output) };
  }
  if (NETWORK.test(output)) return { kind: "network", lastLine: lastLineOf(output) };
  const keyFailure = output.indexOf(KEY_CREATION);
  if (keyFailure >= 0 && status === undefined && !output.includes("received empty authkey")) {
    // Only a body that did not decode leaves the status out of the client's text; Tailscale's own 4xx
    // answers are JSON and always carry it.
    return { kind: "server_error", status: undefined, lastLine: lastLineOf(output) };
  }
  if (/"message"\s*:\s*"Unauthorized"/u.test(output)) return { kind: "token_rejected", status: undefined };
  return { kind: "other", lastLine: lastLineOf(output) };
}

function numberOf(match: RegExpExecArray | null): number | undefined {
  return match === null ? undefined : Number(match[1]);
}

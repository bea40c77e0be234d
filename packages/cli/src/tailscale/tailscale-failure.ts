/**
 * What went wrong in a join, read from the Tailscale client's output (or from the same texts when nsc made
 * the HTTP calls itself):
 * - `tags_rejected`: `requested tags [tag:a tag:b] are invalid or not permitted`;
 * - `token_rejected`: `token exchange failed with status 401|403`, or `{"message":"Unauthorized"}`;
 * - `client_too_old`: `flag provided but not defined: -client-id`;
 * - `server_error`: Tailscale answered HTTP 5xx (worth another try);
 * - `other`: anything else, with the client's last line.
 */
export type TailscaleFailure =
  | { readonly kind: "tags_rejected"; readonly tags: readonly string[] }
  | { readonly kind: "token_rejected"; readonly status: number | undefined }
  | { readonly kind: "client_too_old"; readonly flag: string }
  | { readonly kind: "server_error"; readonly status: number; readonly lastLine: string }
  | { readonly kind: "other"; readonly lastLine: string };

/** The last non-empty line of some output, trimmed; `(no output)` when there is none. */
export function lastLineOf(output: string): string {
  const lines = output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return lines.at(-1) ?? "(no output)";
}

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
  const status =
    exchangeStatus ?? numberOf(/Status: (\d{3})/u.exec(output)) ?? numberOf(/status (\d{3})\b/u.exec(output));
  if (status !== undefined && status >= 500 && status <= 599) {
    return { kind: "server_error", status, lastLine: lastLineOf(output) };
  }
  if (/"message"\s*:\s*"Unauthorized"/u.test(output)) return { kind: "token_rejected", status: undefined };
  return { kind: "other", lastLine: lastLineOf(output) };
}

function numberOf(match: RegExpExecArray | null): number | undefined {
  return match === null ? undefined : Number(match[1]);
}

import type { TailscaleSpec as JoinSpec } from "@nsc/core/integrations/tailscale-spec.js";

/** What `tailscale up` is told, besides the credential. */
export interface UpSettings {
  readonly spec: JoinSpec;
  readonly hostname: string;
  /** `--timeout`, in seconds; always bounded (0 would wait forever). */
  readonly timeoutSecs: number;
  /**
   * The user to keep as tailscaled's operator (`--operator=<user>`): `--reset` would otherwise clear the
   * setting that lets a non-root runner run `tailscale up` at all. Absent when nsc runs as root.
   */
  readonly operator?: string;
  /** Add `--force-reauth`: needed to move a Running node to another `--login-server`. */
  readonly forceReauth?: boolean;
}

/** The secret `tailscale up` reads from a file: an ID token (federated) or an auth key made by nsc. */
export type UpCredential =
  | { readonly kind: "federated"; readonly idTokenPath: string }
  | { readonly kind: "auth_key"; readonly authKeyPath: string };

/** The client ID attributes every join asks for: a preauthorized, ephemeral device. */
export const CLIENT_ID_ATTRIBUTES = "preauthorized=true&ephemeral=true";

/**
 * The argv (without the program) of `tailscale up`. Secrets are passed only as `file:<path>`, never inline.
 * `--reset` makes the node's prefs exactly the spec's, whatever an earlier job or a hand-run `tailscale up`
 * left (see docs/runners.md).
 *
 * @example
 * buildUpArgv({ spec, hostname: "ci-1", timeoutSecs: 120 }, { kind: "federated", idTokenPath: "/tmp/x/t" })
 * // ["up", "--client-id=k123?preauthorized=true&ephemeral=true", "--id-token=file:/tmp/x/t",
 * //  "--advertise-tags=tag:namespace,tag:ci", "--accept-dns=true", "--hostname=ci-1", "--reset",
 * //  "--timeout=2m"]
 */
export function buildUpArgv(settings: UpSettings, credential: UpCredential): string[] {
  const { spec } = settings;
  const auth = ((): string[] => {
    switch (credential.kind) {
      case "federated":
        return [
          `--client-id=${spec.oauth_client_id}?${CLIENT_ID_ATTRIBUTES}`,
          `--id-token=file:${credential.idTokenPath}`,
        ];
      case "auth_key":
        return [`--auth-key=file:${credential.authKeyPath}`];
      default:
        return credential satisfies never;
    }
  })();
  return [
    "up",
    ...auth,
    `--advertise-tags=${spec.tags.join(",")}`,
    `--accept-dns=${spec.enable_magic_dns}`,
    `--hostname=${settings.hostname}`,
    ...(spec.login_server === undefined ? [] : [`--login-server=${spec.login_server}`]),
    ...(settings.operator === undefined ? [] : [`--operator=${settings.operator}`]),
    "--reset",
    ...(settings.forceReauth === true ? ["--force-reauth"] : []),
    `--timeout=${formatGoDuration(settings.timeoutSecs)}`,
  ];
}

/** Seconds as a Go duration: `2m`, `1h`, `90s`. */
export function formatGoDuration(secs: number): string {
  if (secs > 0 && secs % 3600 === 0) return `${secs / 3600}h`;
  if (secs > 0 && secs % 60 === 0) return `${secs / 60}m`;
  return `${secs}s`;
}

const SECRET_FILE_FLAGS = ["--id-token=file:", "--auth-key=file:"];

/** The argv with the paths of secret files replaced by `<redacted>`, for printing. */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg) => {
    const flag = SECRET_FILE_FLAGS.find((prefix) => arg.startsWith(prefix));
    return flag === undefined ? arg : `${flag}<redacted>`;
  });
}

/** Characters a POSIX shell never treats specially inside a word. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/u;

/**
 * Quotes one word for a POSIX shell: unchanged when it holds only safe characters, else in single quotes
 * (a `'` inside becomes `'\''`), so `?`, `&`, `*`, `$`, `;`, spaces and the rest reach the program as they are.
 *
 * @example
 * shellQuote("--client-id=k1?preauthorized=true&ephemeral=true") // "'--client-id=k1?preauthorized=true&ephemeral=true'"
 */
export function shellQuote(word: string): string {
  return SHELL_SAFE.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** A command line that pastes safely into a POSIX shell: every word that needs it is quoted. */
export function formatCommandLine(program: string, argv: readonly string[]): string {
  return [program, ...argv].map(shellQuote).join(" ");
}

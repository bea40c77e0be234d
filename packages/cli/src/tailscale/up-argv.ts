import type { JoinSpec } from "./join-response.js";

/** What `tailscale up` is told, besides the credential. */
export interface UpSettings {
  readonly spec: JoinSpec;
  readonly hostname: string;
  /** `--timeout`, in seconds; always bounded (0 would wait forever). */
  readonly timeoutSecs: number;
}

/** The secret `tailscale up` reads from a file: an ID token (federated) or an auth key made by nsc. */
export type UpCredential =
  | { readonly kind: "federated"; readonly idTokenPath: string }
  | { readonly kind: "auth_key"; readonly authKeyPath: string };

/** The client ID attributes every join asks for: a preauthorized, ephemeral device. */
export const CLIENT_ID_ATTRIBUTES = "preauthorized=true&ephemeral=true";

/**
 * The argv (without the program) of `tailscale up`. Secrets are passed only as `file:<path>`, never inline.
 *
 * @example
 * buildUpArgv({ spec, hostname: "ci-1", timeoutSecs: 120 }, { kind: "federated", idTokenPath: "/tmp/x/t" })
 * // ["up", "--client-id=k123?preauthorized=true&ephemeral=true", "--id-token=file:/tmp/x/t",
 * //  "--advertise-tags=tag:namespace,tag:ci", "--accept-dns=true", "--hostname=ci-1", "--timeout=2m"]
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

/**
 * A command line for people to read, arguments as they are (the seed's documented form); only an argument
 * with whitespace or quotes in it is quoted, so the words stay unambiguous.
 */
export function formatCommandLine(program: string, argv: readonly string[]): string {
  return [program, ...argv].map((arg) => (/[\s'"]/u.test(arg) ? JSON.stringify(arg) : arg)).join(" ");
}

import { readFileSync } from "node:fs";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { describeTransportFailure } from "../http/describe-transport-failure.js";
import type { HttpResponse, Transport } from "../http/transport.js";

/** Where a workload's own identity token comes from. */
export type ExternalTokenSource =
  | { readonly kind: "kubernetes"; readonly path: string }
  | { readonly kind: "github"; readonly audience: string }
  | { readonly kind: "file"; readonly path: string };

/** Where Kubernetes projects nsc's service-account token by default (see docs/kubernetes.md). */
export const DEFAULT_KUBERNETES_TOKEN_FILE = "/var/run/secrets/nsc/token";

/**
 * Parses `--exchange kubernetes|github|file:PATH`.
 *
 * @throws NscError `invalid_request` naming the accepted forms.
 */
export function parseExchangeSource(
  value: string,
  options: { readonly audience?: string | undefined; readonly tokenFile?: string | undefined },
): ExternalTokenSource {
  if (value === "kubernetes") {
    return { kind: "kubernetes", path: options.tokenFile ?? DEFAULT_KUBERNETES_TOKEN_FILE };
  }
  if (value === "github") {
    if (options.audience === undefined || options.audience === "") {
      throw new NscError(
        "invalid_audience",
        "--exchange github needs --audience: the audience the workspace's trust relationship expects",
      );
    }
    return { kind: "github", audience: options.audience };
  }
  if (value.startsWith("file:") && value.length > 5) return { kind: "file", path: value.slice(5) };
  throw new NscError(
    "invalid_request",
    `invalid --exchange ${JSON.stringify(value)}: use kubernetes, github or file:PATH`,
    { field: "--exchange" },
  );
}

/** Describes a source for messages, never with the token. */
export function describeSource(source: ExternalTokenSource): string {
  switch (source.kind) {
    case "kubernetes":
      return `the Kubernetes service-account token ${source.path}`;
    case "github":
      return "the GitHub Actions OIDC token of this job";
    case "file":
      return `the token file ${source.path}`;
    default:
      return source satisfies never;
  }
}

function readTokenFile(path: string, what: string, hint: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new NscError(
      "external_token_unavailable",
      `cannot read ${what} ${path} (${typeof code === "string" ? code : String(error)}): ${hint}`,
    );
  }
  const token = text.trim();
  if (token === "") throw new NscError("external_token_unavailable", `${what} ${path} is empty: ${hint}`);
  return token;
}

/**
 * Reads or fetches the workload's own token. GitHub's comes from `$ACTIONS_ID_TOKEN_REQUEST_URL`
 * (`&audience=…`, `Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`), which GitHub sets only for
 * jobs with `permissions: id-token: write`.
 *
 * @throws NscError `external_token_unavailable` saying which credential was looked for, where, and what
 * to do.
 */
export async function readExternalToken(
  source: ExternalTokenSource,
  env: NodeJS.ProcessEnv,
  transport: Transport,
): Promise<string> {
  switch (source.kind) {
    case "kubernetes":
      return readTokenFile(
        source.path,
        "the Kubernetes service-account token",
        "mount a projected serviceAccountToken volume with the workspace's audience there (docs/kubernetes.md), or pass --token-file",
      );
    case "file":
      return readTokenFile(source.path, "the token file", "check the path");
    case "github":
      return fetchGithubToken(source.audience, env, transport);
    default:
      return source satisfies never;
  }
}

async function fetchGithubToken(
  audience: string,
  env: NodeJS.ProcessEnv,
  transport: Transport,
): Promise<string> {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (url === undefined || url === "" || bearer === undefined || bearer === "") {
    throw new NscError(
      "external_token_unavailable",
      "no GitHub Actions OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set. " +
        "Give the job `permissions: id-token: write` (pull requests from forks never get one), or run this inside a GitHub Actions job",
    );
  }
  const target = new URL(url);
  target.searchParams.set("audience", audience);
  let response: HttpResponse;
  try {
    response = await transport({
      method: "GET",
      url: target.href,
      headers: { authorization: `bearer ${bearer}`, accept: "application/json" },
    });
  } catch (error) {
    throw new NscError(
      "external_token_unavailable",
      `cannot reach GitHub's ID-token endpoint (${describeTransportFailure(error)}): retry the job`,
    );
  }
  const text = response.body;
  if (response.status < 200 || response.status > 299) {
    throw new NscError(
      "external_token_unavailable",
      `GitHub's ID-token endpoint answered HTTP ${response.status}: check that the job has \`permissions: id-token: write\``,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const token = (value as { value?: unknown } | undefined)?.value;
  if (typeof token !== "string" || token === "") {
    throw new NscError("external_token_unavailable", "GitHub's ID-token endpoint answered without a token");
  }
  return token;
}

import type { NscError } from "@nsc/core/errors/nsc-error.js";
import type { RetryPolicy } from "../workload/retry-policy.js";
import { withRetries, type Attempt } from "../workload/with-retries.js";
import { TransportError, type Transport } from "../http/transport.js";
import type { TailscaleSpec as JoinSpec } from "@nsc/core/integrations/tailscale-spec.js";

/** Tailscale's control server when a spec names none. */
export const DEFAULT_LOGIN_SERVER = "https://controlplane.tailscale.com";

const EXCHANGE_TIMEOUT_MS = 10_000;
const KEY_TIMEOUT_MS = 60_000;

/** A failure of one of the two calls, worded as the Tailscale client words it (for classification). */
export type MintFailure = { readonly status: number | undefined; readonly text: string };

/**
 * What clients older than 1.90.4 cannot do themselves: exchanges the ID token for an API access token and
 * makes a single-use, ephemeral, preauthorized auth key with the spec's tags — the two HTTP calls the
 * client makes on the federated path, byte for byte:
 * 1. `POST {base}/api/v2/oauth/token-exchange`, form body `client_id`, `code=`, `grant_type=authorization_code`,
 *    `jwt`;
 * 2. `POST {base}/api/v2/tailnet/-/keys`, `Authorization: Basic base64("<access_token>:")`, no Content-Type,
 *    body `{"capabilities":{"devices":{"create":{"reusable":false,"ephemeral":true,"preauthorized":true,"tags":[…]}}}}`;
 *    only HTTP 200 counts.
 * Network errors and HTTP 5xx are retried with `retry`; anything else is not. Failures are thrown by
 * `fail` with the client's own texts, so one classifier reads both paths.
 */
export async function mintAuthKey(
  spec: JoinSpec,
  idToken: string,
  options: {
    readonly transport: Transport;
    readonly retry: RetryPolicy;
    readonly fail: (failure: MintFailure) => NscError;
  },
): Promise<string> {
  const base = spec.login_server ?? DEFAULT_LOGIN_SERVER;
  const post = async (
    url: string,
    init: { headers: Record<string, string>; body: string | Uint8Array },
    timeoutMs: number,
  ): Promise<{ status: number; body: string } | { status: undefined; body: string }> => {
    try {
      return await options.transport({
        method: "POST",
        url,
        headers: init.headers,
        body: init.body,
        timeoutMs,
      });
    } catch (error) {
      return { status: undefined, body: `Post "${url}": ${describe(error)}` };
    }
  };

  const exchangeUrl = `${base}/api/v2/oauth/token-exchange`;
  const accessToken = await withRetries(
    options.retry,
    async (): Promise<Attempt<string>> => {
      const form = new URLSearchParams({
        client_id: spec.oauth_client_id,
        code: "",
        grant_type: "authorization_code",
        jwt: idToken,
      }).toString();
      const answer = await post(
        exchangeUrl,
        { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form },
        EXCHANGE_TIMEOUT_MS,
      );
      const prefix = "failed to exchange JWT for access token";
      if (answer.status === undefined) {
        return transient(options.fail({ status: undefined, text: `${prefix}: ${answer.body}` }));
      }
      const token = answer.status >= 200 && answer.status <= 299 ? accessTokenOf(answer.body) : undefined;
      if (token !== undefined) return { kind: "done", value: token };
      const failure = options.fail({
        status: answer.status,
        text: `${prefix}: token exchange failed with status ${answer.status}: ${answer.body}`,
      });
      if (answer.status >= 500) return transient(failure);
      throw failure;
    },
    { what: `POST ${exchangeUrl}` },
  );

  const keysUrl = `${base}/api/v2/tailnet/-/keys`;
  const body = JSON.stringify({
    capabilities: {
      devices: {
        create: { reusable: false, ephemeral: true, preauthorized: true, tags: spec.tags },
      },
    },
  });
  return withRetries(
    options.retry,
    async (): Promise<Attempt<string>> => {
      const answer = await post(
        keysUrl,
        {
          headers: {
            Authorization: `Basic ${Buffer.from(`${accessToken}:`).toString("base64")}`,
            "User-Agent": "tailscale-cli-identity-federation",
          },
          // No Content-Type: the client sends none.
          body,
        },
        KEY_TIMEOUT_MS,
      );
      const prefix = "unexpected error while creating authkey";
      if (answer.status === undefined) {
        return transient(options.fail({ status: undefined, text: `${prefix}: ${answer.body}` }));
      }
      const parsed = parseJson(answer.body);
      if (answer.status !== 200) {
        const message = typeof parsed?.message === "string" ? parsed.message : "";
        const failure = options.fail({
          status: answer.status,
          text: `${prefix}: Status: ${answer.status}, Message: ${JSON.stringify(message)}`,
        });
        if (answer.status >= 500) return transient(failure);
        throw failure;
      }
      const key = parsed?.key;
      if (typeof key !== "string" || key === "") {
        throw options.fail({ status: 200, text: "received empty authkey from control server" });
      }
      return { kind: "done", value: key };
    },
    { what: `POST ${keysUrl}` },
  );
}

function transient<T>(error: NscError): Attempt<T> {
  return { kind: "transient", error };
}

function accessTokenOf(body: string): string | undefined {
  const parsed = parseJson(body);
  if (parsed === undefined) return undefined;
  if (typeof parsed.error === "string" && parsed.error !== "") return undefined;
  return typeof parsed.access_token === "string" && parsed.access_token !== ""
    ? parsed.access_token
    : undefined;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (error instanceof TransportError) {
    return error.failure === "timeout" ? "timeout awaiting response" : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

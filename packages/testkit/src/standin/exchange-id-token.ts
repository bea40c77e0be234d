import { isRecord } from "../json/is-record.js";
import { encodeGoForm } from "./go-query-escape.js";
import { postRaw, type RawResponse } from "./post-raw.js";

/** The outcome of one token-exchange attempt, shaped like Go oauth2's results. */
type Attempt =
  | { readonly kind: "token"; readonly accessToken: string }
  | { readonly kind: "retrieve-error"; readonly status: number; readonly body: string }
  | { readonly kind: "other-error"; readonly message: string };

/**
 * Exchanges an ID token for an API access token the way the real client does through Go's oauth2 library:
 * `POST {base}/api/v2/oauth/token-exchange` with a sorted form body, first with `Authorization: Basic Og==`,
 * and on any failure once more without it. Throws with the real client's error text.
 */
export async function exchangeIdToken(baseUrl: string, clientId: string, idToken: string): Promise<string> {
  const url = `${baseUrl}/api/v2/oauth/token-exchange`;
  const body = encodeGoForm({
    client_id: clientId,
    code: "",
    grant_type: "authorization_code",
    jwt: idToken,
  });
  const baseHeaders = {
    "User-Agent": "Go-http-client/1.1",
    "Content-Type": "application/x-www-form-urlencoded",
    "Accept-Encoding": "gzip",
  };
  let attempt = await tryOnce(url, { ...baseHeaders, Authorization: "Basic Og==" }, body);
  if (attempt.kind !== "token") attempt = await tryOnce(url, baseHeaders, body);
  switch (attempt.kind) {
    case "token":
      return attempt.accessToken;
    case "retrieve-error":
      throw new Error(
        `failed to exchange JWT for access token: token exchange failed with status ${attempt.status}: ${attempt.body}`,
      );
    case "other-error":
      throw new Error(
        `failed to exchange JWT for access token: unexpected token exchange request error: ${attempt.message}`,
      );
    default: {
      throw new Error(`unexpected attempt ${JSON.stringify(attempt satisfies never)}`);
    }
  }
}

async function tryOnce(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
): Promise<Attempt> {
  let response: RawResponse;
  try {
    response = await postRaw(url, headers, body, 10_000);
  } catch (error) {
    return {
      kind: "other-error",
      message: `Post "${url}": ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (response.status < 200 || response.status > 299) {
    return { kind: "retrieve-error", status: response.status, body: response.body };
  }
  const mediaType = response.contentType.split(";", 1)[0]?.trim() ?? "";
  let fields: Record<string, unknown>;
  if (mediaType === "application/x-www-form-urlencoded" || mediaType === "text/plain") {
    fields = Object.fromEntries(new URLSearchParams(response.body));
  } else {
    try {
      const parsed = JSON.parse(response.body) as unknown;
      fields = isRecord(parsed) ? parsed : {};
    } catch (error) {
      return {
        kind: "other-error",
        message: `oauth2: cannot parse json: ${error instanceof Error ? error.message : ""}`,
      };
    }
  }
  if (typeof fields.error === "string" && fields.error !== "") {
    return { kind: "retrieve-error", status: response.status, body: response.body };
  }
  if (typeof fields.access_token !== "string" || fields.access_token === "") {
    return { kind: "other-error", message: "oauth2: server response missing access_token" };
  }
  return { kind: "token", accessToken: fields.access_token };
}

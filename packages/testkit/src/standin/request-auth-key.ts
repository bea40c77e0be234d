import { isRecord } from "../json/is-record.js";
import { postRaw, type RawResponse } from "./post-raw.js";

/** What the auth key is asked to carry. */
export interface AuthKeyRequest {
  readonly ephemeral: boolean;
  readonly preauthorized: boolean;
  readonly tags: readonly string[];
}

/**
 * Creates a single-use auth key with an exchanged access token, as the real client does through
 * tailscale-client-go-v2: `POST {base}/api/v2/tailnet/-/keys`, Basic `<token>:`, no Content-Type, the exact
 * body shape. Only HTTP 200 succeeds. Throws with the real client's error text.
 */
export async function requestAuthKey(
  baseUrl: string,
  accessToken: string,
  request: AuthKeyRequest,
): Promise<string> {
  const url = `${baseUrl}/api/v2/tailnet/-/keys`;
  const body = JSON.stringify({
    capabilities: {
      devices: {
        create: {
          reusable: false,
          ephemeral: request.ephemeral,
          preauthorized: request.preauthorized,
          tags: request.tags,
        },
      },
    },
  });
  let response: RawResponse;
  try {
    response = await postRaw(
      url,
      {
        "User-Agent": "tailscale-cli-identity-federation",
        Authorization: `Basic ${Buffer.from(`${accessToken}:`).toString("base64")}`,
        "Accept-Encoding": "gzip",
      },
      body,
      60_000,
    );
  } catch (error) {
    throw new Error(
      `unexpected error while creating authkey: Post "${url}": ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let parsed: unknown;
  let parseError: string | undefined;
  try {
    parsed = JSON.parse(response.body) as unknown;
  } catch {
    parseError = goJsonError(response.body);
  }
  if (response.status !== 200) {
    // A body that is not JSON (a proxy's error page) fails in decoding, so the text has no status code.
    if (parseError !== undefined) throw new Error(`unexpected error while creating authkey: ${parseError}`);
    const message = isRecord(parsed) && typeof parsed.message === "string" ? parsed.message : "";
    throw new Error(
      `unexpected error while creating authkey: Status: ${response.status}, Message: ${JSON.stringify(message)}`,
    );
  }
  const key = isRecord(parsed) ? parsed.key : undefined;
  if (typeof key !== "string" || key === "") throw new Error("received empty authkey from control server");
  return key;
}

/** Go's encoding/json text for a body that does not decode (an approximation for non-JSON bodies). */
function goJsonError(body: string): string {
  const first = body.trimStart().charAt(0);
  if (first === "") return "unexpected end of JSON input";
  return `invalid character ${JSON.stringify(first).replace(/^"|"$/gu, "'")} looking for beginning of value`;
}

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
  try {
    parsed = JSON.parse(response.body) as unknown;
  } catch {
    parsed = undefined;
  }
  if (response.status !== 200) {
    const message = isRecord(parsed) && typeof parsed.message === "string" ? parsed.message : "";
    throw new Error(
      `unexpected error while creating authkey: Status: ${response.status}, Message: ${JSON.stringify(message)}`,
    );
  }
  const key = isRecord(parsed) ? parsed.key : undefined;
  if (typeof key !== "string" || key === "") throw new Error("received empty authkey from control server");
  return key;
}

import { exchangeIdToken } from "./exchange-id-token.js";
import { parseClientIdAttributes } from "./parse-client-id.js";
import { requestAuthKey } from "./request-auth-key.js";

/** The inputs of the federation path of `tailscale up`. */
export interface FederationInput {
  /** `--client-id` as given, attributes included. */
  readonly rawClientId: string;
  /** `--id-token` after `file:` resolution. */
  readonly idToken: string;
  readonly audience: string;
  readonly tags: readonly string[];
  readonly loginServer: string;
  /** v1.90.0–1.90.3 send the whole `--client-id` string, attributes included, as `client_id`. */
  readonly sendsWholeClientId: boolean;
}

/**
 * Turns a client ID and an ID token into a fresh single-use auth key: the pre-call checks, then token
 * exchange and key creation against the login server. Returns `undefined` when no client ID was given (the
 * federation path is not used). Throws with the real client's texts.
 */
export async function resolveFederatedAuthKey(input: FederationInput): Promise<string | undefined> {
  if (input.rawClientId === "") return undefined;
  if (input.idToken === "" && input.audience === "") {
    throw new Error("federated identity requires either an ID token or an audience");
  }
  if (input.tags.length === 0) throw new Error("federated identity authkeys require --advertise-tags");
  const attributes = parseClientIdAttributes(input.rawClientId);
  if (input.idToken === "") {
    throw new Error(
      `failed to get ID token for audience "${input.audience}": no supported workload identity environment detected`,
    );
  }
  const accessToken = await exchangeIdToken(
    input.loginServer,
    input.sendsWholeClientId ? input.rawClientId : attributes.clientId,
    input.idToken,
  );
  return requestAuthKey(input.loginServer, accessToken, {
    ephemeral: attributes.ephemeral,
    preauthorized: attributes.preauthorized,
    tags: input.tags,
  });
}

import { versionAtLeast, type ClientVersion } from "./client-version.js";
import { exchangeIdToken } from "./exchange-id-token.js";
import { parseClientIdAttributes } from "./parse-client-id.js";
import { requestAuthKey } from "./request-auth-key.js";

/** The inputs of the federation path of `tailscale up`. */
export interface FederationInput {
  /** `--client-id` as given, attributes included. */
  readonly rawClientId: string;
  /** `--id-token` after `file:` resolution. */
  readonly idToken: string;
  /** `--audience` (1.94+; empty before). */
  readonly audience: string;
  /** `--advertise-tags` as given. */
  readonly rawTags: string;
  /** `--advertise-tags` parsed. */
  readonly tags: readonly string[];
  readonly loginServer: string;
  readonly version: ClientVersion;
  /** v1.90.0–1.90.3 (and unstable 1.91.0–1.91.17) send the whole `--client-id` string as `client_id`. */
  readonly sendsWholeClientId: boolean;
}

/**
 * Turns a client ID and an ID token into a fresh single-use auth key: the pre-call checks, then token
 * exchange and key creation against the login server. Returns `undefined` when no client ID was given (the
 * federation path is not used). Throws with the real client's texts, which depend on the version:
 * - no ID token: from 1.94 `federated identity requires either an ID token or an audience` (with an
 *   audience, fetching a token fails here and the cause is dropped: `… require --id-token`); 1.90–1.93
 *   `federated identity authkeys require --id-token`;
 * - no tags: refused from 1.96 only; 1.90–1.95 ask for a key with one empty tag.
 */
export async function resolveFederatedAuthKey(input: FederationInput): Promise<string | undefined> {
  if (input.rawClientId === "") return undefined;
  if (input.idToken === "") {
    if (versionAtLeast(input.version, "1.94.0") && input.audience === "") {
      throw new Error("federated identity requires either an ID token or an audience");
    }
    // No GitHub Actions, AWS or GCP metadata here, so fetching a token for --audience fails.
    throw new Error("federated identity authkeys require --id-token");
  }
  if (input.tags.length === 0 && versionAtLeast(input.version, "1.96.0")) {
    throw new Error("federated identity authkeys require --advertise-tags");
  }
  const attributes = parseClientIdAttributes(input.rawClientId);
  const accessToken = await exchangeIdToken(
    input.loginServer,
    input.sendsWholeClientId ? input.rawClientId : attributes.clientId,
    input.idToken,
  );
  return requestAuthKey(input.loginServer, accessToken, {
    ephemeral: attributes.ephemeral,
    preauthorized: attributes.preauthorized,
    // Before 1.96 the flag is split as it is: an empty one gives [""].
    tags: input.tags.length === 0 ? input.rawTags.split(",") : input.tags,
  });
}

import { idTokenResponseSchema, type IdTokenResponse } from "@nsc/core/api/id-token.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { NscClient, type NscClientOptions } from "../api/nsc-client.js";
import type { WorkloadCredential } from "../workload/find-workload-credential.js";

/**
 * `POST /v1/id-token` with the workload credential: an ID token for `audience`, living `durationSecs`
 * (0 for the server's default).
 */
export async function issueIdToken(
  credential: WorkloadCredential,
  audience: string,
  durationSecs: number,
  options: NscClientOptions,
): Promise<IdTokenResponse> {
  if (audience === "") {
    throw new NscError(
      "invalid_audience",
      "--audience is required: pass the value the relying party expects, e.g. sts.amazonaws.com",
    );
  }
  const body = durationSecs === 0 ? { audience } : { audience, duration_secs: durationSecs };
  const client = new NscClient(credential.endpoint, { kind: "workload", credential }, options);
  return client.call("POST", "/v1/id-token", idTokenResponseSchema, body);
}

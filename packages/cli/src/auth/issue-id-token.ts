import { NscError } from "@nsc/core/errors/nsc-error.js";
import { ResponseFields } from "../instances/response-fields.js";
import type { WorkloadCredential } from "../workload/find-workload-credential.js";
import { postWorkload, type WorkloadApiOptions } from "../workload/workload-api.js";

/** An ID token and when it expires. */
export interface IssuedIdToken {
  readonly id_token: string;
  readonly expires_at: string;
}

/**
 * `POST /v1/id-token` with the workload credential: an ID token for `audience`, living `durationSecs`
 * (0 for the server's default).
 */
export async function issueIdToken(
  credential: WorkloadCredential,
  audience: string,
  durationSecs: number,
  options: WorkloadApiOptions,
): Promise<IssuedIdToken> {
  if (audience === "") {
    throw new NscError(
      "invalid_audience",
      "--audience is required: pass the value the relying party expects, e.g. sts.amazonaws.com",
    );
  }
  const body = durationSecs === 0 ? { audience } : { audience, duration_secs: durationSecs };
  const fields = new ResponseFields(await postWorkload(credential, "/v1/id-token", body, options), "answer");
  return { id_token: fields.string("id_token"), expires_at: fields.string("expires_at") };
}

import {
  REGISTRATION_PATHS,
  type NodeIdentity,
  type NodeStatusResponse,
  type RegisterRequest,
  type RegisterResponse,
} from "../devices/registration-protocol.js";
import { isRecord } from "../json/is-record.js";
import { postRaw } from "./post-raw.js";

/**
 * POSTs JSON to one of the testkit registration endpoints of the login server and returns the parsed answer.
 * A non-200 answer throws `backend error: <message>`, the real client's form for control-server refusals.
 */
export async function callControl<T>(
  loginServer: string,
  path: string,
  body: RegisterRequest | NodeIdentity,
): Promise<T> {
  const url = `${loginServer}${path}`;
  let response;
  try {
    response = await postRaw(url, { "Content-Type": "application/json" }, JSON.stringify(body), 30_000);
  } catch (error) {
    throw new Error(`backend error: ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body) as unknown;
  } catch {
    parsed = undefined;
  }
  if (response.status !== 200) {
    const message = isRecord(parsed) && typeof parsed.message === "string" ? parsed.message : response.body;
    throw new Error(`backend error: ${message}`);
  }
  return parsed as T;
}

/** How one registration attempt went. */
export type RegisterOutcome =
  | { readonly kind: "registered"; readonly node: RegisterResponse }
  /** The control server refused inside its answer: the client prints `backend error: <error>` at once. */
  | { readonly kind: "refused"; readonly error: string }
  /** No usable answer (network error, non-200): the real client does not say, and tries again. */
  | { readonly kind: "unanswered" };

/** Registers with an auth key (the stand-in for the control protocol). */
export async function registerNode(loginServer: string, request: RegisterRequest): Promise<RegisterOutcome> {
  let response;
  try {
    response = await postRaw(
      `${loginServer}${REGISTRATION_PATHS.register}`,
      { "Content-Type": "application/json" },
      JSON.stringify(request),
      30_000,
    );
  } catch {
    return { kind: "unanswered" };
  }
  if (response.status !== 200) return { kind: "unanswered" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body) as unknown;
  } catch {
    return { kind: "unanswered" };
  }
  if (isRecord(parsed) && typeof parsed.error === "string") return { kind: "refused", error: parsed.error };
  return { kind: "registered", node: parsed as RegisterResponse };
}

/** Asks whether the node still exists and is authorised. */
export function fetchNodeStatus(loginServer: string, identity: NodeIdentity): Promise<NodeStatusResponse> {
  return callControl<NodeStatusResponse>(loginServer, REGISTRATION_PATHS.nodeStatus, identity);
}

/** Logs the node out: an ephemeral device disappears at once. */
export function logoutNode(
  loginServer: string,
  identity: NodeIdentity,
): Promise<{ readonly removed: boolean }> {
  return callControl<{ readonly removed: boolean }>(loginServer, REGISTRATION_PATHS.logout, identity);
}

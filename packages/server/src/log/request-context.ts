import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while serving one request carries. */
export interface RequestContext {
  readonly requestId: string;
}

/**
 * The request being served, carried through every `await` of its handling, so that any log line written
 * on its behalf — by a route, the auth check or the error handler — names its request ID.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/u;

/**
 * The request ID of a request: a well-formed `X-Request-Id` from a proxy in front is kept (so one ID
 * follows the request through both logs); otherwise a fresh random one.
 */
export function requestIdOf(incoming: string | undefined, random: (n: number) => Uint8Array): string {
  if (incoming !== undefined && INCOMING_ID.test(incoming)) return incoming;
  return Buffer.from(random(12)).toString("base64url");
}

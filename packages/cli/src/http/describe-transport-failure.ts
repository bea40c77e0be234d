import { TransportError } from "./transport.js";

/** Says in a few words why a request got no answer: a timeout, a refused connection, an untrusted certificate. */
export function describeTransportFailure(error: unknown): string {
  if (error instanceof TransportError) return error.message;
  if (error instanceof Error) return error.message;
  return "unknown error";
}

import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

/**
 * The address a request came from, as the socket says: forwarding headers are not trusted, since any client
 * can send them. In-process requests (no socket) share one source, `local`.
 */
export function sourceOf(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress ?? "local";
}

import type { IncomingMessage, ServerResponse } from "node:http";

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

/**
 * Wraps the server's fetch so that a request answered before its body was read (a 401, 404, 413 or 415)
 * does not keep the connection reading: the answer says `Connection: close`, and the socket is closed as
 * soon as the answer is sent, so a client cannot make the server drain a huge upload it already refused.
 */
export function closeUnreadBody(fetch: Fetch): Fetch {
  return async (request, env) => {
    const response = await fetch(request, env);
    const node = env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
    const incoming = node?.incoming;
    const outgoing = node?.outgoing;
    if (incoming === undefined || outgoing === undefined || incoming.complete || !hasBody(incoming)) {
      return response;
    }
    // The response lets go of the socket when it finishes, so hold on to it here.
    const socket = incoming.socket as IncomingMessage["socket"] | null;
    outgoing.once("finish", () => {
      socket?.destroy();
    });
    const headers = new Headers(response.headers);
    headers.set("connection", "close");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

function hasBody(incoming: IncomingMessage): boolean {
  const length = incoming.headers["content-length"];
  return incoming.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

/**
 * Serves requests on a free loopback port: a real socket for relying-party style tests. Takes a fetch
 * function, so an app whose issuer is this very URL can be made after the port is known.
 */
export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ readonly url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            if ("closeAllConnections" in server) server.closeAllConnections();
            server.close(() => {
              done();
            });
          }),
      });
    });
  });
}

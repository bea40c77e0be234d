import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { serve } from "@hono/node-server";
import type { Store } from "../store/open-store.js";
import { createTestApp, type TestApp } from "../test-support/test-app.js";
import { TEST_DATABASES, openTestStore } from "../test-support/test-databases.js";
import { closeUnreadBody } from "./close-unread-body.js";

const CHUNK = Buffer.alloc(64 * 1024, 0x61);
const LIMIT = 32 * 1024 * 1024;

/** Streams a chunked upload after `head` until the server closes the socket or LIMIT bytes are sent. */
function upload(port: number, head: string): Promise<{ sent: number; closed: boolean; response: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let response = "";
    let sent = 0;
    let closed = false;
    socket.on("data", (data: Buffer) => {
      response += data.toString("latin1");
    });
    socket.on("error", () => {
      closed = true;
    });
    socket.on("close", () => {
      closed = true;
      resolve({ sent, closed, response });
    });
    socket.on("connect", () => {
      socket.write(head);
      const pump = (): void => {
        while (!closed && sent < LIMIT) {
          sent += CHUNK.length;
          const frame = Buffer.concat([
            Buffer.from(`${CHUNK.length.toString(16)}\r\n`),
            CHUNK,
            Buffer.from("\r\n"),
          ]);
          if (!socket.write(frame)) {
            socket.once("drain", pump);
            return;
          }
        }
        if (!closed) {
          // Everything was sent and the server is still reading: give it a moment to close, then report.
          socket.write("0\r\n\r\n");
          setTimeout(() => {
            socket.destroy();
          }, 2000).unref();
        }
      };
      pump();
    });
    socket.setTimeout(60_000, () => {
      reject(new Error("upload hung"));
    });
  });
}

for (const database of TEST_DATABASES) {
  void describe(`a refused upload is not drained on ${database.name}`, () => {
    let store: Store;
    let t: TestApp;
    let port: number;
    let close: () => void;
    let admin: string;

    before(async () => {
      store = await openTestStore(database);
      t = await createTestApp(store);
      admin = (await t.workspace()).adminToken;
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const listener = serve(
          {
            fetch: closeUnreadBody((request, env) => t.app.fetch(request, env)),
            hostname: "127.0.0.1",
            port: 0,
          },
          () => {
            resolve(listener);
          },
        );
      });
      port = (server.address() as AddressInfo).port;
      close = () => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close();
      };
    });
    after(async () => {
      close();
      await store.close();
    });

    for (const [what, headers, status] of [
      ["no token (401)", "Content-Type: application/json\r\n", "401"],
      ["a wrong content type (415)", `Authorization: Bearer ADMIN\r\nContent-Type: text/plain\r\n`, "415"],
      ["an unknown route (404)", "Content-Type: application/json\r\n", "404"],
      ["too large a body (413)", `Authorization: Bearer ADMIN\r\nContent-Type: application/json\r\n`, "413"],
    ] as const) {
      void it(`answers ${what}, then closes without reading the rest`, async () => {
        const path = status === "404" ? "/v1/nothing-here" : "/v1/tokens";
        const head = `POST ${path} HTTP/1.1\r\nHost: test\r\n${headers.replace("ADMIN", admin)}Transfer-Encoding: chunked\r\n\r\n`;
        const result = await upload(port, head);
        assert.ok(result.response.startsWith(`HTTP/1.1 ${status}`), result.response.slice(0, 80));
        assert.match(result.response, /connection: close/iu);
        assert.ok(result.closed);
        assert.ok(result.sent < LIMIT, `the server read all ${result.sent} bytes`);
      });
    }
  });
}

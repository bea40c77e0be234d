import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { startServer, type ServerProcess } from "@nsc/testkit";
import { TEST_DATABASES } from "../../src/test-support/test-databases.js";

/** Sends raw bytes on one connection and collects everything the server answers until it closes or idles. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = "";
    const done = (): void => {
      socket.destroy();
      resolve(answer);
    };
    let idle = setTimeout(done, 3000);
    socket.on("data", (data: Buffer) => {
      answer += data.toString("latin1");
      clearTimeout(idle);
      idle = setTimeout(done, 1000);
    });
    socket.on("close", () => {
      clearTimeout(idle);
      resolve(answer);
    });
    socket.on("error", () => undefined);
    socket.write(bytes);
  });
}

const api = async (server: ServerProcess, method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
};

for (const database of TEST_DATABASES) {
  void describe(`adversarial: a real server process on ${database.name}`, () => {
    void it("keeps every acknowledged write across kill -9, and executes no smuggled request", async () => {
      const created = await database.create();
      const dataDir = mkdtempSync(join(tmpdir(), "nsc-adversarial-"));
      const options = { dataDir, ...(database.name === "postgres" ? { databaseUrl: created.url } : {}) };
      let server = await startServer(options);
      try {
        const admin = server.adminToken();
        const acknowledged: string[] = [];
        for (let cycle = 0; cycle < 3; cycle++) {
          let firstAck: () => void = () => undefined;
          const acked = new Promise<void>((resolve) => {
            firstAck = resolve;
          });
          const writes = Array.from({ length: 12 }, (_, i) =>
            // Later writes start after the first is answered, so some are in flight at the kill.
            (i === 0 ? Promise.resolve() : acked)
              .then(() => api(server, "POST", "/v1/instances", admin, { kind: "generic" }))
              .then(
                (res) => {
                  if (res.status === 201)
                    acknowledged.push((res.json as { instance: { id: string } }).instance.id);
                  firstAck();
                },
                () => undefined,
              ),
          );
          // Kill while writes are in flight: only answered ones count as acknowledged.
          await acked;
          await server.stop("SIGKILL");
          await Promise.allSettled(writes);
          server = await startServer(options);
          const listed = (await api(server, "GET", "/v1/instances", admin)).json as {
            instances: { id: string }[];
          };
          const ids = new Set(listed.instances.map((i) => i.id));
          for (const id of acknowledged) assert.ok(ids.has(id), `acknowledged instance ${id} was lost`);
        }
        assert.ok(acknowledged.length > 0, "some writes were acknowledged");

        // Request smuggling shapes: each must not run a hidden second request.
        const victim = (
          (await api(server, "POST", "/v1/tokens", admin, { name: "victim", role: "member" })).json as {
            token: { id: string };
          }
        ).token.id;
        const hidden = `DELETE /v1/tokens/${victim} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n\r\n`;
        const body = `0\r\n\r\n${hidden}`;
        const shapes = [
          `POST /v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n${body}`,
          `POST /v1/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n${body}`,
          `POST /v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: ${hidden.length}\r\n\r\n${hidden}`,
          `POST /v1/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n${body}`,
          `POST /v1/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n${body}`,
          `POST /v1/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n${body}`,
        ];
        for (const shape of shapes) {
          const answer = await rawExchange(server.url, shape);
          assert.ok(/^HTTP\/1\.1 4\d\d/u.test(answer) || answer === "", answer.slice(0, 60));
          const tokens = (await api(server, "GET", "/v1/tokens", admin)).json as {
            tokens: { id: string; revoked_at: string | null }[];
          };
          assert.equal(
            tokens.tokens.find((tk) => tk.id === victim)?.revoked_at,
            null,
            `smuggled request ran: ${JSON.stringify(shape.slice(0, 90))}`,
          );
        }
      } finally {
        await server.stop("SIGKILL");
        await created.drop();
      }
    });
  });
}

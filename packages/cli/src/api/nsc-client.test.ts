import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError, apiTokenListSchema, idTokenResponseSchema, instanceEnvelopeSchema } from "@nsc/core";
import type { WorkloadCredential } from "../workload/find-workload-credential.js";
import type { RetryPolicy } from "../workload/retry-policy.js";
import { TransportError, type HttpResponse, type Transport } from "../http/transport.js";
import { NscClient, type NscClientOptions } from "./nsc-client.js";

const CREDENTIAL: WorkloadCredential = {
  token: "nscw_secretsecretsecret",
  source: "/var/run/nsc/token.json",
  endpoint: "http://nsc.test/",
  endpointSource: "the token file",
};

const RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 10,
  maxDelayMs: 100,
  random: () => 0,
  sleep: () => Promise.resolve(),
};

function answers(...responses: (HttpResponse | Error)[]): { transport: Transport; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    transport: (request) => {
      calls.push(request.url);
      const next = responses.shift();
      if (next === undefined || next instanceof Error) return Promise.reject(next ?? new Error("none left"));
      return Promise.resolve(next);
    },
  };
}

/** `POST path` as a workload, the way the agent's commands call. */
function postWorkload(
  credential: WorkloadCredential,
  path: string,
  body: unknown,
  options: NscClientOptions,
): Promise<unknown> {
  const client = new NscClient(credential.endpoint, { kind: "workload", credential }, options);
  return client.call("POST", path, idTokenResponseSchema, body);
}

const ID_TOKEN = '{"id_token":"x","expires_at":"2026-01-01T00:00:00.000Z"}';
const TOKEN_INFO = {
  id: "tok-1",
  name: "ci",
  role: "admin",
  created_at: "2026-01-01T00:00:00.000Z",
  expires_at: null,
  revoked_at: null,
  last_used_at: null,
};

const error = (status: number, code: string, message: string): HttpResponse => ({
  status,
  body: JSON.stringify({ error: { code, message } }),
});

describe("NscClient as a workload", () => {
  it("retries network errors and 5xx, then returns the body", async () => {
    const { transport, calls } = answers(
      new TransportError("refused", "ECONNREFUSED"),
      error(503, "database_unavailable", "down"),
      { status: 200, body: ID_TOKEN },
    );
    assert.deepEqual(await postWorkload(CREDENTIAL, "/v1/id-token", {}, { transport, retry: RETRY }), {
      id_token: "x",
      expires_at: "2026-01-01T00:00:00.000Z",
    });
    assert.deepEqual(calls, Array(3).fill("http://nsc.test/v1/id-token"));
  });

  it("gives up after the bounded tries with the last error", async () => {
    const { transport } = answers(
      new TransportError("refused", "a"),
      new TransportError("refused", "b"),
      new TransportError("refused", "c"),
    );
    await assert.rejects(
      postWorkload(CREDENTIAL, "/v1/id-token", {}, { transport, retry: RETRY }),
      (e: unknown) =>
        e instanceof NscError && e.code === "server_unreachable" && e.message.includes("from the token file"),
    );
  });

  it("never retries a 4xx, and says `workload token expired` for an expired one", async () => {
    const { transport, calls } = answers(error(401, "workload_token_expired", "expired"));
    await assert.rejects(
      postWorkload(CREDENTIAL, "/v1/id-token", {}, { transport, retry: RETRY }),
      (e: unknown) =>
        e instanceof NscError &&
        e.code === "workload_token_expired" &&
        e.message.startsWith("workload token expired") &&
        !e.message.includes(CREDENTIAL.token),
    );
    assert.equal(calls.length, 1);
  });

  it("keeps the server's code and message for other refusals", async () => {
    const { transport } = answers(error(404, "spec_not_found", 'tailscale integration "corp" not found'));
    await assert.rejects(
      postWorkload(CREDENTIAL, "/v1/workload/tailscale/join", {}, { transport, retry: RETRY }),
      (e: unknown) =>
        e instanceof NscError &&
        e.code === "spec_not_found" &&
        e.message === 'tailscale integration "corp" not found',
    );
  });
});

describe("NscClient's answers", () => {
  const client = (transport: Transport): NscClient =>
    new NscClient("http://nsc.test", { kind: "api_token", token: "nsct_secret" }, { transport });

  it("fails an answer that does not match its schema with unexpected_response naming the call and field", async () => {
    const { transport } = answers({ status: 200, body: '{"id_token":"x"}' });
    await assert.rejects(
      client(transport).call("POST", "/v1/id-token", idTokenResponseSchema),
      (e: unknown) =>
        e instanceof NscError &&
        e.code === "unexpected_response" &&
        e.message.includes("POST /v1/id-token") &&
        e.message.includes('"expires_at"'),
    );
  });

  it("names a nested field that does not match", async () => {
    const { transport } = answers({ status: 200, body: '{"instance":{"id":7}}' });
    await assert.rejects(
      client(transport).call("GET", "/v1/instances/i-1", instanceEnvelopeSchema),
      (e: unknown) => e instanceof NscError && e.message.includes('"instance.id"'),
    );
  });

  it("drops the fields a newer server adds, at the top and nested, and keeps the rest", async () => {
    const { transport } = answers(
      { status: 200, body: '{"id_token":"x","expires_at":"2026-01-01T00:00:00.000Z","extra":1}' },
      { status: 200, body: JSON.stringify({ tokens: [{ ...TOKEN_INFO, added_later: { a: 1 } }], more: [] }) },
    );
    const idToken = await client(transport).call("POST", "/v1/id-token", idTokenResponseSchema);
    assert.deepEqual(idToken, { id_token: "x", expires_at: "2026-01-01T00:00:00.000Z" });
    const list = await client(transport).call("GET", "/v1/tokens", apiTokenListSchema);
    assert.deepEqual(list, { tokens: [TOKEN_INFO] });
  });

  it("still refuses a known field of the wrong type beside an unknown one", async () => {
    const { transport } = answers({
      status: 200,
      body: '{"id_token":7,"expires_at":"2026-01-01T00:00:00.000Z","extra":1}',
    });
    await assert.rejects(
      client(transport).call("POST", "/v1/id-token", idTokenResponseSchema),
      (e: unknown) =>
        e instanceof NscError && e.code === "unexpected_response" && e.message.includes('"id_token"'),
    );
  });

  it("tries an admin call once, even on a 5xx, and never puts the token in a message", async () => {
    const { transport, calls } = answers(error(503, "database_unavailable", "down"), {
      status: 200,
      body: ID_TOKEN,
    });
    await assert.rejects(
      client(transport).call("POST", "/v1/id-token", idTokenResponseSchema),
      (e: unknown) =>
        e instanceof NscError && e.code === "database_unavailable" && !e.message.includes("nsct_"),
    );
    assert.equal(calls.length, 1);
  });
});

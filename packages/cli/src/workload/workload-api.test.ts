import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import type { WorkloadCredential } from "./find-workload-credential.js";
import type { RetryPolicy } from "./retry-policy.js";
import { postWorkload } from "./workload-api.js";
import { TransportError, type HttpResponse, type Transport } from "../http/transport.js";

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

const error = (status: number, code: string, message: string): HttpResponse => ({
  status,
  body: JSON.stringify({ error: { code, message } }),
});

describe("postWorkload", () => {
  it("retries network errors and 5xx, then returns the body", async () => {
    const { transport, calls } = answers(
      new TransportError("refused", "ECONNREFUSED"),
      error(503, "database_unavailable", "down"),
      { status: 200, body: '{"id_token":"x"}' },
    );
    assert.deepEqual(await postWorkload(CREDENTIAL, "/v1/id-token", {}, { transport, retry: RETRY }), {
      id_token: "x",
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

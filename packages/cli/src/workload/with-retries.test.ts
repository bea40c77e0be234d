import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { backoffDelayMs, formatRetryNotice, type RetryPolicy } from "./retry-policy.js";
import { withRetries, type Attempt } from "./with-retries.js";

function policy(random = 0.5): { policy: RetryPolicy; slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    policy: {
      attempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 500,
      random: () => random,
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    },
  };
}

const transient = (n: number): Attempt<string> => ({
  kind: "transient",
  error: new NscError("tailscale_failed", `try ${n} failed with HTTP 503`),
});

describe("backoffDelayMs", () => {
  it("doubles the ceiling per retry up to the cap, and jitters the whole range", () => {
    const { policy: p } = policy(0.999);
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => backoffDelayMs(p, n)),
      [99, 199, 399, 499, 499],
    );
    assert.equal(backoffDelayMs({ ...p, random: () => 0 }, 3), 0);
  });
});

describe("withRetries", () => {
  it("returns the first success without sleeping", async () => {
    const { policy: p, slept } = policy();
    assert.equal(await withRetries(p, () => Promise.resolve({ kind: "done", value: "ok" })), "ok");
    assert.deepEqual(slept, []);
  });

  it("retries transient failures with growing, jittered waits and then succeeds", async () => {
    const { policy: p, slept } = policy(0.5);
    const seen: number[] = [];
    const value = await withRetries(p, (index) => {
      seen.push(index);
      return Promise.resolve(index < 2 ? transient(index) : { kind: "done", value: "joined" });
    });
    assert.equal(value, "joined");
    assert.deepEqual(seen, [0, 1, 2]);
    assert.deepEqual(slept, [50, 100]);
  });

  it("gives up after the bounded number of tries with the last transient error", async () => {
    const { policy: p, slept } = policy();
    let calls = 0;
    await assert.rejects(
      withRetries(p, (index) => {
        calls++;
        return Promise.resolve(transient(index));
      }),
      (error: unknown) => error instanceof NscError && error.message === "try 3 failed with HTTP 503",
    );
    assert.equal(calls, 4);
    assert.equal(slept.length, 3);
  });

  it("never retries what is thrown (a 4xx)", async () => {
    const { policy: p, slept } = policy();
    let calls = 0;
    await assert.rejects(
      withRetries(p, () => {
        calls++;
        throw new NscError("tailscale_token_rejected", "HTTP 403");
      }),
      /HTTP 403/u,
    );
    assert.equal(calls, 1);
    assert.deepEqual(slept, []);
  });

  it("announces each retry: what, after how long, which try, and the time left", async () => {
    const { policy: p } = policy();
    let now = 1_000_000;
    const notices: string[] = [];
    const announcing: RetryPolicy = {
      ...p,
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
      onRetry: (notice) => notices.push(formatRetryNotice(notice)),
    };
    let n = 0;
    const value = await withRetries(
      announcing,
      () => Promise.resolve(++n < 3 ? transient(n) : { kind: "done", value: "ok" }),
      { what: "POST http://nsc.test/v1/workload/tailscale/join", deadlineAt: now + 30_000 },
    );
    assert.equal(value, "ok");
    assert.deepEqual(notices, [
      "nsc: retrying POST http://nsc.test/v1/workload/tailscale/join in 0.1 s (try 2 of 4, giving up within 30 s): try 1 failed with HTTP 503 [tailscale_failed]\n",
      "nsc: retrying POST http://nsc.test/v1/workload/tailscale/join in 0.1 s (try 3 of 4, giving up within 30 s): try 2 failed with HTTP 503 [tailscale_failed]\n",
    ]);
  });

  it("starts no retry that would end after the deadline, and gives each try the time left", async () => {
    const { policy: p, slept } = policy(0.99);
    let now = 0;
    const remaining: number[] = [];
    const timed: RetryPolicy = {
      ...p,
      now: () => now,
      sleep: (ms) => {
        slept.push(ms);
        now += ms;
        return Promise.resolve();
      },
    };
    await assert.rejects(
      withRetries(
        timed,
        (_index, remainingMs) => {
          remaining.push(remainingMs);
          now += 100; // each try takes 100 ms
          return Promise.resolve(transient(remaining.length));
        },
        { deadlineAt: 400 },
      ),
      /try 2 failed/u,
    );
    // Try 1 at 0 (400 left) then a 99 ms wait; try 2 at 199 (201 left); the next wait (198 ms) would pass 400.
    assert.deepEqual(remaining, [400, 201]);
    assert.deepEqual(slept, [99]);
  });
});

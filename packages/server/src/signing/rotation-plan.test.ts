import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import {
  planRotateNow,
  planRotation,
  type RotationAction,
  type RotationKey,
  type RotationPolicy,
} from "./rotation-plan.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 1);

const policy: RotationPolicy = {
  rotationPeriod: 30 * DAY,
  maxTokenLifetime: HOUR,
  jwksCacheTime: DAY,
  prepublishLead: 7 * DAY,
};

interface SimKey {
  kid: string;
  state: RotationKey["state"];
  created_at: number;
  activated_at: number | null;
  retired_at: number | null;
  deleted_at: number | null;
}

/** A stand-in for the signing_keys table that applies plans the way the server must. */
class KeyTable {
  readonly all: SimKey[] = [];
  #count = 0;

  stored(): RotationKey[] {
    return this.all.filter((key) => key.deleted_at === null).map((key) => ({ ...key }));
  }

  active(): SimKey[] {
    return this.all.filter((key) => key.deleted_at === null && key.state === "active");
  }

  apply(actions: readonly RotationAction[], now: number): void {
    for (const action of actions) {
      switch (action.kind) {
        case "create_next":
        case "create_active": {
          this.#count += 1;
          const active = action.kind === "create_active";
          this.all.push({
            kid: `k${this.#count}`,
            state: active ? "active" : "next",
            created_at: now,
            activated_at: active ? now : null,
            retired_at: null,
            deleted_at: null,
          });
          break;
        }
        case "promote": {
          const next = this.#find(action.kid);
          assert.equal(next.state, "next");
          next.state = "active";
          next.activated_at = now;
          if (action.retire !== null) this.#retire(action.retire, now);
          break;
        }
        case "retire":
          this.#retire(action.kid, now);
          break;
        case "delete":
          this.#find(action.kid).deleted_at = now;
          break;
        default: {
          assert.fail(`(action satisfies never) action ${JSON.stringify(action satisfies never)}`);
        }
      }
    }
  }

  #retire(kid: string, now: number): void {
    const key = this.#find(kid);
    assert.equal(key.state, "active");
    key.state = "retired";
    key.retired_at = now;
  }

  #find(kid: string): SimKey {
    const key = this.all.find((candidate) => candidate.kid === kid && candidate.deleted_at === null);
    assert.ok(key, `key ${kid} is stored`);
    return key;
  }
}

/** A small deterministic random source for uneven clock steps. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Runs the scheduler over a timeline and checks the publication guarantees after every step. */
function simulate(
  p: RotationPolicy,
  steps: (now: number, nextCheckAt: number) => number,
  until: number,
): KeyTable {
  const table = new KeyTable();
  let now = T0;
  while (now < until) {
    const plan = planRotation(table.stored(), now, p);
    table.apply(plan.actions, now);
    assert.equal(table.active().length, 1, "exactly one active key");
    assert.ok(plan.nextCheckAt > now, "the next check is in the future");
    assert.deepEqual(planRotation(table.stored(), now, p).actions, [], "a plan, once applied, is stable");
    now = steps(now, plan.nextCheckAt);
  }
  checkGuarantees(table, p);
  return table;
}

function checkGuarantees(table: KeyTable, p: RotationPolicy): void {
  const [first, ...others] = table.all;
  assert.ok(first);
  assert.equal(first.activated_at, first.created_at, "the first key signs at once");
  for (const key of others) {
    if (key.activated_at !== null) {
      assert.ok(
        key.activated_at - key.created_at >= p.jwksCacheTime,
        `${key.kid} was published ${key.activated_at - key.created_at} ms before signing`,
      );
    }
  }
  for (const key of table.all) {
    if (key.deleted_at !== null && key.retired_at !== null) {
      assert.ok(
        key.deleted_at - key.retired_at >= p.maxTokenLifetime + p.jwksCacheTime,
        `${key.kid} unpublished too early`,
      );
    }
    if (key.deleted_at !== null) assert.equal(key.activated_at !== null, key.retired_at !== null);
  }
}

void describe("planRotation over a timeline", () => {
  void it("rotates every period with hourly checks, keeping every guarantee", () => {
    const table = simulate(policy, (now) => now + HOUR, T0 + 200 * DAY);
    const activations = table.all.flatMap((key) => (key.activated_at === null ? [] : [key.activated_at]));
    assert.equal(activations.length, 7);
    for (let i = 1; i < activations.length; i += 1) {
      assert.equal((activations[i] ?? 0) - (activations[i - 1] ?? 0), policy.rotationPeriod);
    }
    const retired = table.all.filter((key) => key.retired_at !== null);
    assert.ok(retired.slice(0, -1).every((key) => key.deleted_at === (key.retired_at ?? 0) + DAY + HOUR));
    const nextCreations = table.all.slice(1).map((key) => key.created_at - T0);
    assert.equal(nextCreations[0], 23 * DAY, "the next key appears prepublishLead before the rotation");
  });

  void it("keeps every guarantee when checks wake exactly at nextCheckAt", () => {
    const table = simulate(policy, (_now, next) => next, T0 + 400 * DAY);
    assert.equal(table.all.filter((key) => key.activated_at !== null).length, 14);
  });

  void it("keeps every guarantee with irregular, sometimes long, gaps between checks", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = prng(seed);
      simulate(policy, (now) => now + Math.floor(random() * 3 * DAY) + 1, T0 + 300 * DAY);
    }
  });

  void it("delays the rotation when the lead is shorter than the cache time", () => {
    const p = { ...policy, prepublishLead: HOUR, jwksCacheTime: 2 * DAY };
    const table = simulate(p, (now) => now + HOUR, T0 + 100 * DAY);
    const second = table.all[1];
    assert.equal(second?.created_at, T0 + 28 * DAY);
    assert.equal(second.activated_at, T0 + 30 * DAY);
  });

  void it("always keeps a next key published when the lead covers the whole period", () => {
    const p = { ...policy, prepublishLead: 30 * DAY };
    const table = new KeyTable();
    for (let now = T0; now < T0 + 100 * DAY; now += HOUR) {
      table.apply(planRotation(table.stored(), now, p).actions, now);
      assert.equal(table.stored().filter((key) => key.state === "next").length, 1);
    }
    checkGuarantees(table, p);
  });

  void it("keeps guarantees with a rotation period shorter than the retention", () => {
    const p = {
      rotationPeriod: 2 * HOUR,
      maxTokenLifetime: HOUR,
      jwksCacheTime: 3 * HOUR,
      prepublishLead: 0,
    };
    const table = simulate(p, (now) => now + 10 * 60_000, T0 + 5 * DAY);
    assert.ok(table.stored().filter((key) => key.state === "retired").length >= 1);
  });
});

void describe("planRotation decisions", () => {
  const key = (
    kid: string,
    state: RotationKey["state"],
    created: number,
    activated: number | null,
    retired: number | null,
  ) => ({ kid, state, created_at: created, activated_at: activated, retired_at: retired }) as const;

  void it("creates an active key on an empty table", () => {
    assert.deepEqual(planRotation([], T0, policy).actions, [{ kind: "create_active" }]);
    assert.deepEqual(planRotation([], T0, { ...policy, prepublishLead: 30 * DAY }).actions, [
      { kind: "create_active" },
      { kind: "create_next" },
    ]);
  });

  void it("promotes the next key at once when no key is active", () => {
    const plan = planRotation([key("n", "next", T0, null, null)], T0 + HOUR, policy);
    assert.deepEqual(plan.actions, [{ kind: "promote", kid: "n", retire: null, reason: "no_active_key" }]);
  });

  void it("retires surplus active keys and deletes surplus next keys", () => {
    const plan = planRotation(
      [
        key("a1", "active", T0, T0, null),
        key("a2", "active", T0, T0 + DAY, null),
        key("n1", "next", T0 + 2 * DAY, null, null),
        key("n2", "next", T0 + 3 * DAY, null, null),
      ],
      T0 + 4 * DAY,
      policy,
    );
    assert.deepEqual(plan.actions, [
      { kind: "retire", kid: "a1" },
      { kind: "delete", kid: "n2", reason: "surplus_next" },
    ]);
  });

  void it("does not promote before the active key is a period old", () => {
    const keys = [key("a", "active", T0, T0, null), key("n", "next", T0 + DAY, null, null)];
    assert.deepEqual(planRotation(keys, T0 + 30 * DAY - 1, policy).actions, []);
    assert.equal(planRotation(keys, T0, policy).nextCheckAt, T0 + 30 * DAY);
    assert.deepEqual(planRotation(keys, T0 + 30 * DAY, policy).actions, [
      { kind: "promote", kid: "n", retire: "a", reason: "scheduled" },
    ]);
  });

  void it("does not promote a next key published for less than the cache time", () => {
    const keys = [key("a", "active", T0, T0, null), key("n", "next", T0 + 40 * DAY, null, null)];
    assert.deepEqual(planRotation(keys, T0 + 40 * DAY + DAY - 1, policy).actions, []);
    assert.equal(planRotation(keys, T0 + 40 * DAY, policy).nextCheckAt, T0 + 41 * DAY);
    assert.equal(planRotation(keys, T0 + 41 * DAY, policy).actions[0]?.kind, "promote");
  });

  void it("deletes a retired key exactly when max lifetime plus cache time has passed", () => {
    const keys = [key("a", "active", T0, T0, null), key("r", "retired", T0 - DAY, T0 - DAY, T0)];
    assert.deepEqual(planRotation(keys, T0 + DAY + HOUR - 1, policy).actions, []);
    assert.equal(planRotation(keys, T0, policy).nextCheckAt, T0 + DAY + HOUR);
    assert.deepEqual(planRotation(keys, T0 + DAY + HOUR, policy).actions, [
      { kind: "delete", kid: "r", reason: "retention_elapsed" },
    ]);
  });

  void it("keeps a retired key whose retirement time is unknown", () => {
    const keys = [key("a", "active", T0, T0, null), key("r", "retired", T0 - DAY, T0 - DAY, null)];
    assert.deepEqual(
      planRotation(keys, T0 + 365 * DAY, policy).actions.filter((a) => a.kind === "delete"),
      [],
    );
  });

  void it("rejects invalid policies", () => {
    for (const bad of [
      { ...policy, rotationPeriod: 0 },
      { ...policy, jwksCacheTime: -1 },
      { ...policy, maxTokenLifetime: Number.NaN },
      { ...policy, prepublishLead: Number.POSITIVE_INFINITY },
    ]) {
      assert.throws(
        () => planRotation([], T0, bad),
        (error: unknown) => error instanceof NscError && error.code === "invalid_config",
      );
    }
  });
});

void describe("planRotateNow", () => {
  void it("promotes a next key that has been published for the cache time", () => {
    const keys: RotationKey[] = [
      { kid: "a", state: "active", created_at: T0, activated_at: T0, retired_at: null },
      { kid: "n", state: "next", created_at: T0 + DAY, activated_at: null, retired_at: null },
    ];
    const plan = planRotateNow(keys, T0 + 2 * DAY, policy);
    assert.equal(plan.rotated, true);
    assert.equal(plan.promotableAt, T0 + 2 * DAY);
    assert.deepEqual(plan.actions, [{ kind: "promote", kid: "n", retire: "a", reason: "on_demand" }]);
  });

  void it("publishes a next key and says when it can be promoted, never promoting early", () => {
    const table = new KeyTable();
    table.apply(planRotation([], T0, policy).actions, T0);
    const asked = T0 + 5 * DAY;
    const first = planRotateNow(table.stored(), asked, policy);
    assert.equal(first.rotated, false);
    assert.equal(first.promotableAt, asked + DAY);
    assert.deepEqual(first.actions, [{ kind: "create_next" }]);
    table.apply(first.actions, asked);

    const tooEarly = planRotateNow(table.stored(), asked + DAY - 1, policy);
    assert.equal(tooEarly.rotated, false);
    assert.equal(tooEarly.promotableAt, asked + DAY);
    assert.deepEqual(tooEarly.actions, []);

    const onTime = planRotateNow(table.stored(), asked + DAY, policy);
    assert.equal(onTime.rotated, true);
    table.apply(onTime.actions, asked + DAY);
    checkGuarantees(table, policy);
    assert.equal(table.active()[0]?.kid, "k2");
  });

  void it("counts creating the first key as the rotation", () => {
    const plan = planRotateNow([], T0, policy);
    assert.equal(plan.rotated, true);
    assert.deepEqual(plan.actions, [{ kind: "create_active" }]);
  });

  void it("keeps guarantees when rotate-now is mixed into the schedule", () => {
    const table = new KeyTable();
    const random = prng(42);
    for (let now = T0; now < T0 + 200 * DAY; now += HOUR) {
      const plan =
        random() < 0.01
          ? planRotateNow(table.stored(), now, policy)
          : planRotation(table.stored(), now, policy);
      table.apply(plan.actions, now);
      assert.equal(table.active().length, 1);
    }
    checkGuarantees(table, policy);
    assert.ok(table.all.length > 8, "on-demand rotations happened");
  });
});

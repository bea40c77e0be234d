import { NscError } from "@nsc/core";

/**
 * Life cycle of a signing key. Every stored key is published in the JWKS from the moment it is created:
 * - `next`: published, not yet signing; waits until verifiers' cached JWKS documents have caught up;
 * - `active`: the one key that signs;
 * - `retired`: no longer signs; stays published until every token it signed has expired everywhere.
 */
export type SigningKeyState = "next" | "active" | "retired";

/** A stored signing key as the rotation planner sees it. Times are milliseconds since the epoch. */
export interface RotationKey {
  readonly kid: string;
  readonly state: SigningKeyState;
  /** When the key was stored, and so first published in the JWKS. */
  readonly created_at: number;
  /** When it became `active`; `null` for a `next` key. */
  readonly activated_at: number | null;
  /** When it became `retired`; `null` unless retired. */
  readonly retired_at: number | null;
}

/** How keys rotate. All values are durations in milliseconds. */
export interface RotationPolicy {
  /** How long a key signs before it is replaced. */
  readonly rotationPeriod: number;
  /** The longest lifetime of an ID token (the server's maximum `duration_secs`). */
  readonly maxTokenLifetime: number;
  /**
   * The longest time a verifier may keep a copy of the JWKS. Set it to at least the JWKS response's
   * `Cache-Control` max-age, and higher for verifiers known to cache longer than they are told.
   */
  readonly jwksCacheTime: number;
  /**
   * How long before a scheduled rotation the next key is created. A next key is never promoted before
   * it has been published for `jwksCacheTime`, so a lead shorter than that delays the rotation; a lead
   * of at least `rotationPeriod` keeps a next key published at all times.
   */
  readonly prepublishLead: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Defaults: keys sign for 30 days; the next key appears 7 days ahead; verifiers are assumed to cache the
 * JWKS for up to a day; tokens live at most an hour.
 */
export const DEFAULT_ROTATION_POLICY: RotationPolicy = {
  rotationPeriod: 30 * DAY,
  maxTokenLifetime: HOUR,
  jwksCacheTime: DAY,
  prepublishLead: 7 * DAY,
};

/**
 * One change to the stored keys. Apply all actions of a plan in order, in one transaction, stamping
 * every time with the `now` the plan was made for.
 */
export type RotationAction =
  /** Generate a key and store it as `next` (`created_at` = now). */
  | { readonly kind: "create_next" }
  /**
   * Generate a key and store it directly as `active` (`created_at` = `activated_at` = now). Only when
   * no key can sign at all (a new installation), where waiting would leave the issuer unable to issue.
   */
  | { readonly kind: "create_active" }
  /**
   * Make `next` key `kid` the active key (`activated_at` = now) and retire the previous active key
   * `retire` (`retired_at` = now), if there is one.
   */
  | {
      readonly kind: "promote";
      readonly kid: string;
      readonly retire: string | null;
      readonly reason: PromoteReason;
    }
  /** Retire an extra active key (`retired_at` = now); only one key may be active. */
  | { readonly kind: "retire"; readonly kid: string }
  /** Delete key `kid`, which removes it from the JWKS. */
  | { readonly kind: "delete"; readonly kid: string; readonly reason: DeleteReason };

/** Why a key is promoted: its turn on schedule, on demand, or because no key was active. */
export type PromoteReason = "scheduled" | "on_demand" | "no_active_key";
/**
 * Why a key is deleted: a retired key whose tokens have all expired everywhere, or a surplus `next` key
 * (one that never signed) when more than one exists, or every key at once in an emergency rotation.
 */
export type DeleteReason = "retention_elapsed" | "surplus_next" | "compromised";

/** What to do now, and when the plan should next be made. */
export interface RotationPlan {
  readonly actions: readonly RotationAction[];
  /** The earliest time at which planning again could produce actions (after these are applied). */
  readonly nextCheckAt: number;
}

/** A {@link RotationPlan} for an on-demand rotation. */
export interface RotateNowPlan extends RotationPlan {
  /** True when a key was promoted by this plan. */
  readonly rotated: boolean;
  /**
   * When the on-demand rotation can complete: `now` when `rotated`, otherwise the moment the next key
   * will have been published for `jwksCacheTime`. Ask again then.
   */
  readonly promotableAt: number;
}

/**
 * Decides scheduled key rotation. Pure: the same keys, time and policy always give the same plan.
 *
 * - With no key that can sign, a key is created `active` at once (a new installation) or the `next` key
 *   is promoted at once — the alternative is an issuer that cannot issue.
 * - A `next` key is created once the active key is `rotationPeriod − max(prepublishLead, jwksCacheTime)`
 *   old, so it is published for at least `jwksCacheTime` before it can sign.
 * - The `next` key is promoted when the active key is `rotationPeriod` old **and** the next key has been
 *   published for `jwksCacheTime`; the old active key is retired at the same moment.
 * - A retired key is deleted (unpublished) once `maxTokenLifetime + jwksCacheTime` has passed since it
 *   retired: its last tokens have expired, and no verifier still needs it. A retired key without a
 *   retirement time is kept.
 * - Only one key is active and one is next: surplus active keys are retired, surplus next keys (which
 *   never signed) deleted; the longest-published next key and the latest-activated active key are kept.
 *
 * @example
 * // inside one transaction, under lockRotation (signing-key-rows.ts), as KeyRing does:
 * const plan = planRotation((await listSigningKeys(trx)).map(toRotationKey), now, policy);
 * for (const action of plan.actions) await applyRotationAction(trx, action, now, generation);
 *
 * @throws NscError `invalid_config` when the policy has a negative, zero period, or non-finite value.
 */
export function planRotation(
  keys: readonly RotationKey[],
  now: number,
  policy: RotationPolicy,
): RotationPlan {
  checkRotationPolicy(policy);
  const model = normalise(keys, now, policy);
  const { active, next } = model;
  if (active !== null && next !== null && now >= scheduledPromotionAt(active, next, policy)) {
    promote(model, next, now, "scheduled");
  }
  ensureNext(model, now, policy);
  return { actions: model.actions, nextCheckAt: nextCheckAt(model, policy) };
}

/**
 * Decides an on-demand rotation ("rotate now"), ignoring `rotationPeriod`:
 * - if a `next` key has been published for at least `jwksCacheTime`, it is promoted now;
 * - otherwise a `next` key is created if there is none, nothing is promoted, and `promotableAt` says
 *   when asking again will promote it.
 *
 * The publication wait is never skipped. A verifier that fetched the JWKS before the next key appeared
 * may keep that copy for `jwksCacheTime`; a token signed by a key missing from it is rejected, and many
 * verifiers do not refetch on an unknown `kid`. So on demand is "as soon as it is safe", which is
 * immediate whenever a next key is already published long enough (the default policy keeps one ahead
 * of each scheduled rotation). This does not remove the current key from the JWKS; a compromised key
 * needs that as well, which is a different operation.
 *
 * @throws NscError `invalid_config` as {@link planRotation}.
 */
export function planRotateNow(
  keys: readonly RotationKey[],
  now: number,
  policy: RotationPolicy,
): RotateNowPlan {
  checkRotationPolicy(policy);
  const model = normalise(keys, now, policy);
  const promotedAlready = model.actions.some(
    (action) => action.kind === "promote" || action.kind === "create_active",
  );
  const { next } = model;
  let rotated = promotedAlready;
  let promotableAt = now;
  if (!promotedAlready) {
    if (next !== null && now >= next.created_at + policy.jwksCacheTime) {
      promote(model, next, now, "on_demand");
      rotated = true;
    } else if (next === null) {
      model.actions.push({ kind: "create_next" });
      model.next = { kid: null, created_at: now };
      promotableAt = now + policy.jwksCacheTime;
    } else {
      promotableAt = next.created_at + policy.jwksCacheTime;
    }
  }
  ensureNext(model, now, policy);
  return { actions: model.actions, nextCheckAt: nextCheckAt(model, policy), rotated, promotableAt };
}

/**
 * Checks that a policy's durations are finite and non-negative, and the rotation period positive.
 *
 * @throws NscError `invalid_config`.
 */
export function checkRotationPolicy(policy: RotationPolicy): void {
  const entries = [
    ["rotationPeriod", policy.rotationPeriod],
    ["maxTokenLifetime", policy.maxTokenLifetime],
    ["jwksCacheTime", policy.jwksCacheTime],
    ["prepublishLead", policy.prepublishLead],
  ] as const;
  for (const [name, value] of entries) {
    if (!Number.isFinite(value) || value < 0 || (name === "rotationPeriod" && value === 0)) {
      throw new NscError(
        "invalid_config",
        `key rotation ${name} must be a ${name === "rotationPeriod" ? "positive" : "non-negative"} duration`,
      );
    }
  }
}

/** A key in the simulated state after the actions so far; `kid` is null for a key yet to be created. */
interface ModelNext {
  readonly kid: string | null;
  readonly created_at: number;
}
interface ModelActive {
  readonly kid: string | null;
  readonly activated_at: number;
}
interface Model {
  readonly actions: RotationAction[];
  active: ModelActive | null;
  next: ModelNext | null;
  /** Retirement times of keys still published after the actions so far. */
  readonly retiredAt: number[];
}

/** Removes surplus keys, deletes retired keys past retention, and makes sure some key can sign. */
function normalise(keys: readonly RotationKey[], now: number, policy: RotationPolicy): Model {
  const model: Model = { actions: [], active: null, next: null, retiredAt: [] };
  const actives = keys
    .filter((key) => key.state === "active")
    .sort((a, b) => activatedAt(b) - activatedAt(a) || compareKid(a, b));
  const nexts = keys
    .filter((key) => key.state === "next")
    .sort((a, b) => a.created_at - b.created_at || compareKid(a, b));
  const [keptActive, ...extraActives] = actives;
  const [keptNext, ...extraNexts] = nexts;
  for (const key of extraActives) {
    model.actions.push({ kind: "retire", kid: key.kid });
    model.retiredAt.push(now);
  }
  for (const key of extraNexts) model.actions.push({ kind: "delete", kid: key.kid, reason: "surplus_next" });
  const retention = policy.maxTokenLifetime + policy.jwksCacheTime;
  const retired = keys.filter((key) => key.state === "retired").sort(compareKid);
  for (const key of retired) {
    if (key.retired_at !== null && now >= key.retired_at + retention) {
      model.actions.push({ kind: "delete", kid: key.kid, reason: "retention_elapsed" });
    } else {
      model.retiredAt.push(key.retired_at ?? Number.POSITIVE_INFINITY);
    }
  }
  model.active =
    keptActive === undefined ? null : { kid: keptActive.kid, activated_at: activatedAt(keptActive) };
  model.next = keptNext === undefined ? null : { kid: keptNext.kid, created_at: keptNext.created_at };
  if (model.active === null) {
    if (model.next !== null) {
      promote(model, model.next, now, "no_active_key");
    } else {
      model.actions.push({ kind: "create_active" });
      model.active = { kid: null, activated_at: now };
    }
  }
  return model;
}

function promote(model: Model, next: ModelNext, now: number, reason: PromoteReason): void {
  if (next.kid === null) throw new NscError("internal", "cannot promote a key that is not stored yet");
  const retire = model.active?.kid ?? null;
  model.actions.push({ kind: "promote", kid: next.kid, retire, reason });
  if (model.active !== null) model.retiredAt.push(now);
  model.active = { kid: next.kid, activated_at: now };
  model.next = null;
}

/** Creates the next key once the active key is close enough to its scheduled rotation. */
function ensureNext(model: Model, now: number, policy: RotationPolicy): void {
  if (model.next !== null || model.active === null) return;
  if (now >= nextKeyDueAt(model.active, policy)) {
    model.actions.push({ kind: "create_next" });
    model.next = { kid: null, created_at: now };
  }
}

function nextKeyDueAt(active: ModelActive, policy: RotationPolicy): number {
  return active.activated_at + policy.rotationPeriod - Math.max(policy.prepublishLead, policy.jwksCacheTime);
}

function scheduledPromotionAt(active: ModelActive, next: ModelNext, policy: RotationPolicy): number {
  return Math.max(active.activated_at + policy.rotationPeriod, next.created_at + policy.jwksCacheTime);
}

function nextCheckAt(model: Model, policy: RotationPolicy): number {
  const times: number[] = model.retiredAt.map((at) => at + policy.maxTokenLifetime + policy.jwksCacheTime);
  const { active, next } = model;
  if (active !== null) {
    times.push(next === null ? nextKeyDueAt(active, policy) : scheduledPromotionAt(active, next, policy));
  }
  return Math.min(...times);
}

function activatedAt(key: RotationKey): number {
  return key.activated_at ?? key.created_at;
}

function compareKid(a: RotationKey, b: RotationKey): number {
  return a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0;
}

import { NscError, type IdTokenClaims } from "@nsc/core";
import type { Runtime } from "../runtime/runtime.js";
import type { Store } from "../store/open-store.js";
import { createIdTokenSigner, type IdTokenSigner } from "./id-token-signer.js";
import type { KeyEncryptionKey } from "./key-encryption-key.js";
import { openPrivateKey } from "./private-key-box.js";
import type { PublishedKey } from "./published-key.js";
import {
  planRotateNow,
  planRotation,
  type RotationKey,
  type RotationPlan,
  type RotationPolicy,
  type SigningKeyState,
} from "./rotation-plan.js";
import {
  applyRotationAction,
  listSigningKeys,
  lockRotation,
  toRotationKey,
  type KeyGeneration,
} from "./signing-key-rows.js";
import type { RsaModulusLength, SigningAlg } from "./signing-alg.js";
import { planEmergencyRotation } from "./emergency-rotation.js";
import { fromJsonColumn } from "../store/json-column.js";

export interface KeyRingOptions {
  readonly store: Store;
  readonly runtime: Runtime;
  readonly kek: KeyEncryptionKey;
  readonly alg: SigningAlg;
  readonly modulusLength?: RsaModulusLength;
  readonly policy: RotationPolicy;
  /**
   * How often the ring re-reads the keys, so that every replica picks up another replica's rotation
   * within this time. Keep it well under `policy.jwksCacheTime`.
   */
  readonly refreshMs: number;
}

/** A key as `nsc-server keys list` shows it. */
export interface KeyInfo {
  readonly kid: string;
  readonly alg: string;
  readonly state: SigningKeyState;
  readonly created_at: string;
  readonly activated_at: string | null;
  readonly retired_at: string | null;
}

/**
 * The issuer's signing keys, held in memory and kept in step with the database:
 * - `maintain()` plans and applies scheduled rotation under a database lock, so with several replicas
 *   on one PostgreSQL exactly one changes the keys and the others find nothing left to do;
 * - `reload()` re-reads the keys and opens the active private key; the signer only ever uses a key that
 *   the database says is active. What it publishes, `published`, is rendered into the JWKS and discovery
 *   documents by `issuer/issuer-documents.ts`.
 * A key-encryption key that cannot open the stored keys stops start-up: new keys are never made in
 * silence.
 */
export class KeyRing {
  readonly #options: KeyRingOptions;
  #signer: IdTokenSigner | undefined;
  #published: readonly PublishedKey[] = [];
  #keys: readonly KeyInfo[] = [];
  #nextCheckAt = 0;
  #timer: NodeJS.Timeout | undefined;

  private constructor(options: KeyRingOptions) {
    this.#options = options;
  }

  /** Opens the ring: rotates if due (creating the first key on a new installation) and loads the keys. */
  static async open(options: KeyRingOptions): Promise<KeyRing> {
    const ring = new KeyRing(options);
    await ring.maintain();
    return ring;
  }

  /**
   * Signs claims with the active key, off the event loop. The key is the one active when the signature
   * is made; should a reload replace that key while the signature is being computed (the old key is then
   * retired), the claims are signed again with the new active key, so no token leaves the ring signed
   * with a key it no longer holds as active. A new key signs only after `reload` has swapped it in, which
   * is one assignment on the event loop: every later signature uses it.
   */
  async sign(claims: IdTokenClaims): Promise<string> {
    for (;;) {
      const signer = this.#signer;
      if (signer === undefined) {
        throw new NscError(
          "signing_key_unavailable",
          "no active signing key: check the server log and run `nsc-server keys list`",
        );
      }
      const jwt = await signer.sign(claims);
      if (this.#signer === signer) return jwt;
    }
  }

  /** Every stored key's public half; a new array after each reload, the same one until then. */
  get published(): readonly PublishedKey[] {
    return this.#published;
  }

  get keys(): readonly KeyInfo[] {
    return this.#keys;
  }

  /** When the active key is due to be replaced on schedule (ms since the epoch); `null` without one. */
  get nextRotationAt(): number | null {
    const active = this.#keys.find((k) => k.state === "active");
    if (active?.activated_at == null) return null;
    return Date.parse(active.activated_at) + this.#options.policy.rotationPeriod;
  }

  /** Applies due scheduled rotation, then reloads. */
  async maintain(): Promise<void> {
    await this.#rotate(planRotation);
  }

  /**
   * Rotates on demand: promotes the next key if verifiers have had it for the JWKS cache time, else
   * publishes one (if none) and says when it can be promoted.
   */
  async rotateNow(): Promise<{ readonly rotated: boolean; readonly promotableAt: number }> {
    const plan = await this.#rotate(planRotateNow);
    return { rotated: plan.rotated, promotableAt: plan.promotableAt };
  }

  /**
   * Emergency rotation (`nsc-server keys rotate --now`): every stored key is unpublished at once and a
   * fresh key signs immediately. Tokens signed before stop verifying as soon as a verifier refreshes its
   * JWKS; see docs/operations.md for the cost to verifiers that cache it.
   */
  async rotateEmergency(): Promise<{ readonly removed: readonly string[] }> {
    const plan = await this.#rotate(planEmergencyRotation);
    return { removed: plan.removed };
  }

  /** Plans under the rotation lock, applies the plan in the same transaction, then reloads. */
  async #rotate<P extends RotationPlan>(
    planner: (keys: readonly RotationKey[], now: number, policy: RotationPolicy) => P,
  ): Promise<P> {
    const { store, runtime, policy } = this.#options;
    const now = runtime.clock.now();
    const plan = await store.db.transaction().execute(async (trx) => {
      await lockRotation(trx, store.dialect);
      const planned = planner((await listSigningKeys(trx)).map(toRotationKey), now, policy);
      for (const action of planned.actions) {
        const change = await applyRotationAction(trx, action, now, this.#generation());
        runtime.logger.info("signing keys", { change });
      }
      return planned;
    });
    this.#nextCheckAt = plan.nextCheckAt;
    await this.reload();
    return plan;
  }

  /** Re-reads the keys from the database and rebuilds the signer and the published keys. */
  async reload(): Promise<void> {
    const { store, kek } = this.#options;
    const rows = await listSigningKeys(store.db);
    const published: PublishedKey[] = rows.map((row) => ({
      state: row.state,
      publicJwk: fromJsonColumn(row.public_jwk),
      created_at: row.created_at,
    }));
    // Open every key, not just the active one: a wrong key-encryption key must fail now, loudly.
    const opened = rows.map((row) => ({ row, pem: openPrivateKey(kek, row.kid, row.sealed_private_key) }));
    const active = opened
      .filter((k) => k.row.state === "active")
      .sort((a, b) => (b.row.activated_at ?? 0) - (a.row.activated_at ?? 0))[0];
    if (active !== undefined && this.#signer?.kid !== active.row.kid) {
      this.#signer = createIdTokenSigner({
        kid: active.row.kid,
        alg: active.row.alg,
        privateKey: active.pem,
      });
    }
    if (active === undefined) this.#signer = undefined;
    this.#published = published;
    this.#keys = rows.map((row) => ({
      kid: row.kid,
      alg: row.alg,
      state: row.state,
      created_at: iso(row.created_at),
      activated_at: row.activated_at === null ? null : iso(row.activated_at),
      retired_at: row.retired_at === null ? null : iso(row.retired_at),
    }));
  }

  /** Keeps the keys fresh in the background: reload every `refreshMs`, maintain when rotation is due. */
  start(): void {
    const { runtime, refreshMs } = this.#options;
    const tick = async (): Promise<void> => {
      try {
        if (runtime.clock.now() >= this.#nextCheckAt) await this.maintain();
        else await this.reload();
      } catch (error) {
        runtime.logger.error("signing key refresh failed", {
          error: error instanceof Error ? error.message : "unknown",
        });
      }
    };
    this.#timer = setInterval(() => void tick(), refreshMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #generation(): KeyGeneration {
    const { alg, modulusLength, kek, runtime } = this.#options;
    return {
      alg,
      kek,
      random: runtime.randomBytes,
      ...(modulusLength === undefined ? {} : { modulusLength }),
    };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

import { sql } from "kysely";
import type { RandomBytes } from "@nsc/core";
import type { DialectName } from "../store/open-store.js";
import type { Executor } from "../store/executor.js";
import type { SigningKeysTable } from "../store/schema.js";
import { generateSigningKey } from "./generate-signing-key.js";
import type { KeyEncryptionKey } from "./key-encryption-key.js";
import { sealPrivateKey } from "./private-key-box.js";
import type { RotationAction, RotationKey } from "./rotation-plan.js";
import type { RsaModulusLength, SigningAlg } from "./signing-alg.js";
import { toJsonColumn } from "../store/json-column.js";

/** An arbitrary constant naming the rotation lock among PostgreSQL advisory locks. */
const ROTATION_LOCK_ID = 0x6e736301;

/**
 * Serialises key rotation across replicas: on PostgreSQL a transaction-scoped advisory lock, held until
 * the surrounding transaction ends; on SQLite the database has one writer and one process anyway.
 */
export async function lockRotation(db: Executor, dialect: DialectName): Promise<void> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${ROTATION_LOCK_ID})`.execute(db);
}

/** Every stored key, oldest first. */
export async function listSigningKeys(db: Executor): Promise<readonly SigningKeysTable[]> {
  return db.selectFrom("signing_keys").selectAll().orderBy("created_at").orderBy("kid").execute();
}

/** The rotation planner's view of a stored key. */
export function toRotationKey(row: SigningKeysTable): RotationKey {
  return {
    kid: row.kid,
    state: row.state,
    created_at: row.created_at,
    activated_at: row.activated_at,
    retired_at: row.retired_at,
  };
}

/** How new keys are made: their algorithm, and the key-encryption key and randomness that seal them. */
export interface KeyGeneration {
  readonly alg: SigningAlg;
  readonly modulusLength?: RsaModulusLength;
  readonly kek: KeyEncryptionKey;
  /** The runtime's randomness, for the sealing IV. */
  readonly random: RandomBytes;
}

/**
 * Applies one planned rotation action, stamping times with `now`, and returns a line for the server log.
 * Signing keys belong to the server, not to one workspace, so their trail is the log, not a workspace's
 * audit events.
 */
export async function applyRotationAction(
  db: Executor,
  action: RotationAction,
  now: number,
  generation: KeyGeneration,
): Promise<string> {
  switch (action.kind) {
    case "create_next":
    case "create_active": {
      const key = await generateSigningKey({
        alg: generation.alg,
        ...(generation.modulusLength === undefined ? {} : { modulusLength: generation.modulusLength }),
      });
      const active = action.kind === "create_active";
      await db
        .insertInto("signing_keys")
        .values({
          kid: key.kid,
          alg: key.alg,
          public_jwk: toJsonColumn(key.publicJwk),
          sealed_private_key: sealPrivateKey(
            generation.kek,
            key.kid,
            key.privateKeyPkcs8Pem,
            generation.random,
          ),
          state: active ? "active" : "next",
          created_at: now,
          activated_at: active ? now : null,
          retired_at: null,
        })
        .execute();
      return `created ${active ? "active" : "next"} key ${key.kid}`;
    }
    case "promote":
      if (action.retire !== null) {
        await db
          .updateTable("signing_keys")
          .set({ state: "retired", retired_at: now })
          .where("kid", "=", action.retire)
          .execute();
      }
      await db
        .updateTable("signing_keys")
        .set({ state: "active", activated_at: now })
        .where("kid", "=", action.kid)
        .execute();
      return `promoted key ${action.kid} (${action.reason})${action.retire === null ? "" : `, retired ${action.retire}`}`;
    case "retire":
      await db
        .updateTable("signing_keys")
        .set({ state: "retired", retired_at: now })
        .where("kid", "=", action.kid)
        .execute();
      return `retired key ${action.kid}`;
    case "delete":
      await db.deleteFrom("signing_keys").where("kid", "=", action.kid).execute();
      return `unpublished key ${action.kid} (${action.reason})`;
    default: {
      return action satisfies never;
    }
  }
}

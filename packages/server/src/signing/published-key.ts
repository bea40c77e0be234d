import type { PublicJwk } from "@nsc/core";
import type { SigningKeyState } from "./rotation-plan.js";

/** A stored key as verifiers see it: every stored key is published, whatever its state. */
export interface PublishedKey {
  readonly state: SigningKeyState;
  readonly publicJwk: PublicJwk;
  /** When the key was created, in milliseconds; orders keys of the same state. */
  readonly created_at: number;
}

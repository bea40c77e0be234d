import type { RotationKey, RotationPlan } from "./rotation-plan.js";

/** An emergency rotation: what is removed, and the actions that do it. */
export interface EmergencyRotationPlan extends RotationPlan {
  readonly removed: readonly string[];
}

/**
 * Plans an emergency rotation. Pure. Every stored key is deleted — a leaked private key is usually
 * leaked with the others, since all are sealed under one key-encryption key in one database — and a
 * fresh key is created active, so the issuer never stops issuing.
 */
export function planEmergencyRotation(keys: readonly RotationKey[], now: number): EmergencyRotationPlan {
  return {
    actions: [
      ...keys.map((k) => ({ kind: "delete" as const, kid: k.kid, reason: "compromised" as const })),
      { kind: "create_active" as const },
    ],
    nextCheckAt: now,
    removed: keys.map((k) => k.kid),
  };
}

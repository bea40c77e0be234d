import { createHash } from "node:crypto";
import type { RandomBytes } from "@nsc/core";

/** Random bytes in every bearer secret: 256 bits, so guessing is hopeless and a fast hash is enough. */
const SECRET_BYTES = 32;

/** Makes a bearer secret: the prefix (`nsct_`, `nscw_`) then 43 base64url characters. */
export function newSecret(prefix: string, random: RandomBytes): string {
  return prefix + Buffer.from(random(SECRET_BYTES)).toString("base64url");
}

/**
 * The only form in which a bearer secret is stored: hex SHA-256. Secrets carry 256 random bits, so a
 * slow password hash would add latency without adding safety.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

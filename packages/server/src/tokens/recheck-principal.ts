import { NscError } from "@nsc/core";
import type { Transaction } from "kysely";
import type { DialectName } from "../store/open-store.js";
import type { Database } from "../store/schema.js";
import type { Principal } from "./api-tokens.js";

/**
 * Checks, inside a write transaction, that the API token behind a request is still valid now: the check at
 * the request's headers is not enough when its body took long to arrive. On PostgreSQL the token's row is
 * locked for share until commit, so a revocation either commits first (and this refuses) or waits until
 * this change has committed; on SQLite writes are serialised anyway.
 *
 * @throws NscError `unauthenticated` when the token was revoked, `token_expired` when it expired.
 */
export async function recheckPrincipal(
  trx: Transaction<Database>,
  dialect: DialectName,
  principal: Principal,
  now: number,
): Promise<void> {
  let query = trx
    .selectFrom("api_tokens")
    .select(["revoked_at", "expires_at"])
    .where("id", "=", principal.tokenId)
    .where("workspace_id", "=", principal.workspaceId);
  if (dialect === "postgres") query = query.forShare();
  const row = await query.executeTakeFirst();
  assertTokenCurrent(row, now);
}

/** Refuses a token row that is gone, revoked or expired at `now`, with the same words as at sign-in. */
export function assertTokenCurrent(
  row: { readonly revoked_at: number | null; readonly expires_at: number | null } | undefined,
  now: number,
): void {
  if (row === undefined || row.revoked_at !== null) {
    throw new NscError(
      "unauthenticated",
      "the API token was revoked while the request was in progress; nothing was changed: ask an admin for a new one",
    );
  }
  if (row.expires_at !== null && row.expires_at <= now) {
    throw new NscError(
      "token_expired",
      "the API token expired while the request was in progress; nothing was changed: ask an admin for a new one",
    );
  }
}

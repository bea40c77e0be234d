import type { Context } from "hono";
import type { Transaction } from "kysely";
import type { WriteContext } from "../audit/write-context.js";
import type { Database } from "../store/schema.js";
import { recheckPrincipal } from "./recheck-principal.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";
import { writeContextOf } from "./write-context-of.js";

/**
 * Runs an authenticated request's change in one transaction that first checks the request's API token
 * again (see {@link recheckPrincipal}): a token revoked or expired while the body was arriving changes
 * nothing. The {@link WriteContext} is taken inside the transaction, so its time is the commit's.
 */
export async function writeTransaction<T>(
  c: Context<ApiTokenEnv>,
  deps: AppDeps,
  change: (trx: Transaction<Database>, write: WriteContext) => Promise<T>,
): Promise<T> {
  return deps.store.db.transaction().execute(async (trx) => {
    const write = writeContextOf(c, deps);
    await recheckPrincipal(trx, deps.store.dialect, c.get("principal"), write.now);
    return change(trx, write);
  });
}

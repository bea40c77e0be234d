import type { Context } from "hono";
import type { WriteContext } from "../audit/write-context.js";
import { actorOf } from "./api-tokens.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";

/** The {@link WriteContext} of an authenticated request: the token's workspace, the token as actor, now. */
export function writeContextOf(c: Context<ApiTokenEnv>, deps: AppDeps): WriteContext {
  const principal = c.get("principal");
  return {
    workspaceId: principal.workspaceId,
    actor: actorOf(principal),
    now: deps.runtime.clock.now(),
    random: deps.runtime.randomBytes,
  };
}

import type { Store } from "../store/open-store.js";
import type { Runtime } from "../runtime/runtime.js";
import type { Principal } from "../tokens/api-tokens.js";

/** What every route needs, passed once to {@link createApp}. */
export interface AppDeps {
  readonly store: Store;
  readonly runtime: Runtime;
  /** The public issuer URL; `iss` of every token and `issuer` of discovery. */
  readonly issuerUrl: string;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
}

/** Hono's typed context: the authenticated principal, set by the auth middleware. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}

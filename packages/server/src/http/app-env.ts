import type { DurationBounds } from "@nsc/core";
import type { FailedAuthLimits } from "../auth-limits/failed-auth-limiter.js";
import type { AuditBatcher } from "../audit/audit-batcher.js";
import type { IssuerUrl } from "../issuer/issuer-url.js";
import type { KeyRing } from "../signing/key-ring.js";
import type { InstancesTable } from "../store/schema.js";
import type { Store } from "../store/open-store.js";
import type { Runtime } from "../runtime/runtime.js";
import type { Principal } from "../tokens/api-tokens.js";

/** What every route needs, passed once to {@link createApp}. */
export interface AppDeps {
  readonly store: Store;
  readonly runtime: Runtime;
  /** The public issuer URL; `iss` of every token and `issuer` of discovery. */
  readonly issuerUrl: IssuerUrl;
  readonly keyRing: KeyRing;
  /** Group-commits audit events of issued tokens. */
  readonly auditBatcher: AuditBatcher;
  /** Default and maximum ID token lifetime, in seconds. */
  readonly idTokenLifetime: DurationBounds;
  /** `max-age` of the discovery and JWKS responses; at most the rotation policy's JWKS cache time. */
  readonly jwksMaxAgeSecs: number;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Limits on failed authentication per source; {@link DEFAULT_FAILED_AUTH_LIMITS} when absent. */
  readonly failedAuthLimits?: FailedAuthLimits;
}

/** Hono's typed context: the authenticated principal, set by the auth middleware. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    instance: InstancesTable;
    requestId: string;
  };
}

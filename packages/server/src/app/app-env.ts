import type { DurationBounds, ErrorCode } from "@nsc/core";
import type { KeyObject } from "node:crypto";
import type { FailedAuthLimits } from "../auth-limits/failed-auth-limiter.js";
import type { ServerMetrics } from "../metrics/server-metrics.js";
import type { AuditBatcher } from "../audit/audit-batcher.js";
import type { IssuerKeys } from "../trust/issuer-keys.js";
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
  /** External issuers' verification keys, for token exchange. */
  readonly issuerKeys: IssuerKeys;
  /** The key exchanged instances' workload tokens are derived under (see `trust/exchange-secret.ts`). */
  readonly exchangeSecret: KeyObject;
  /** Limits on failed authentication per source; {@link DEFAULT_FAILED_AUTH_LIMITS} when absent. */
  readonly failedAuthLimits?: FailedAuthLimits;
  /** Prometheus metrics, served at `GET /metrics`. */
  readonly metrics: ServerMetrics;
}

/** Hono's typed context of every route: what the app's own middleware and error handler set. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** The error code a refused request was answered with; set by the error handler. */
    errorCode: ErrorCode | undefined;
    /** A success other than the route's usual one (a join's `dry_run`), for the metrics. */
    outcome: string | undefined;
    /** Set when no route matched. */
    unmatched: boolean | undefined;
  };
}

/**
 * The context of a route behind `requireRole`: the API token's principal. A separate type from
 * {@link WorkloadEnv} so that a route cannot read an instance its credential never proved.
 */
export interface ApiTokenEnv {
  Variables: AppEnv["Variables"] & { principal: Principal };
}

/** The context of a route behind `requireWorkload`: the live instance whose workload token was sent. */
export interface WorkloadEnv {
  Variables: AppEnv["Variables"] & { instance: InstancesTable };
}

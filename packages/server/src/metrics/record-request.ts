import type { ErrorCode } from "@nsc/core";
import type { IssuedTokenKind, ServerMetrics } from "./server-metrics.js";

/** Routes (method and registered pattern) that hand out a token, and the kind they hand out. */
const TOKEN_ROUTES: Readonly<Record<string, IssuedTokenKind>> = {
  "POST /v1/id-token": "id_token",
  "POST /v1/workload/tailscale/join": "id_token",
  "POST /v1/tokens": "api_token",
  "POST /v1/instances": "workload_token",
};

const JOIN_ROUTE = "POST /v1/workload/tailscale/join";

const AUTH_FAILURES: ReadonlySet<ErrorCode> = new Set([
  "unauthenticated",
  "token_expired",
  "workload_token_expired",
  "forbidden",
]);

/** One served request, as the metrics see it. */
export interface ServedRequest {
  readonly method: string;
  /** The registered route pattern (`/v1/instances/:id`), `console`, or `unmatched`. */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
  /** The error code of a refused request. */
  readonly errorCode: ErrorCode | undefined;
  /** A success that is not the route's usual outcome, such as a join's `dry_run`. */
  readonly outcome: string | undefined;
}

/** Counts one request: latency by route, and the token, join, exchange and authentication counters. */
export function recordRequest(metrics: ServerMetrics, served: ServedRequest): void {
  metrics.requestDuration.observe(
    { method: served.method, route: served.route, status: String(served.status) },
    served.seconds,
  );
  const outcome =
    served.errorCode ?? served.outcome ?? (served.status < 400 ? "ok" : `http_${String(served.status)}`);
  const key = `${served.method} ${served.route}`;
  const kind = TOKEN_ROUTES[key];
  if (kind !== undefined && outcome !== "dry_run") metrics.tokensIssued.inc({ kind, outcome });
  if (key === JOIN_ROUTE) metrics.joins.inc({ outcome });
  if (served.method === "POST" && served.route.includes("/exchange")) metrics.exchanges.inc({ outcome });
  if (served.errorCode !== undefined && AUTH_FAILURES.has(served.errorCode)) {
    metrics.failedAuthentications.inc({ code: served.errorCode });
  }
  if (served.errorCode === "database_unavailable") metrics.databaseErrors.inc({ operation: "request" });
}

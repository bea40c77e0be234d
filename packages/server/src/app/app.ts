import { Hono, type Context } from "hono";
import { matchedRoutes } from "hono/route";
import { NscError, isServerErrorCode, toErrorBody } from "@nsc/core";
import { auditRoutes } from "../audit/routes.js";
import { consoleRoutes } from "../console/console-routes.js";
import { healthRoutes } from "../health/routes.js";
import { devboxRoutes } from "../devboxes/routes.js";
import { idTokenRoutes } from "../id-tokens/routes.js";
import { instanceRoutes } from "../instances/routes.js";
import { integrationsRoutes } from "../integrations/routes.js";
import { issuerRoutes } from "../issuer/routes.js";
import { tailscaleJoinRoutes } from "../workload/tailscale-join-routes.js";
import { tokenRoutes } from "../tokens/routes.js";
import { exchangeRoutes } from "../trust/exchange-routes.js";
import { trustRelationshipRoutes } from "../trust/routes.js";
import { workspaceRoutes } from "../workspaces/routes.js";
import type { AppDeps, AppEnv } from "./app-env.js";
import { isDatabaseUnavailable, isSerializationFailure } from "../store/database-unavailable.js";
import { statusOf } from "../http/error-status.js";
import { FailedAuthLimiter, TooManyFailedAttempts } from "../auth-limits/failed-auth-limiter.js";
import { sourceOf } from "../http/source-of.js";
import { requestContext, requestIdOf } from "../log/request-context.js";
import { recordRequest } from "../metrics/record-request.js";
import { operationsRoutes } from "../operations/routes.js";

/** Codes that mean the request's credential was missing, unknown, revoked or expired. */
const AUTH_FAILURES = new Set(["unauthenticated", "token_expired", "workload_token_expired"]);

/**
 * The whole HTTP API as one Hono app. Tests call `app.request(url, init)` in-process; the server binds it
 * to a socket. Errors are mapped in exactly one place, `onError`.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { logger, clock, randomBytes } = deps.runtime;
  const app = new Hono<AppEnv>();
  const limiter = new FailedAuthLimiter(clock, logger, deps.failedAuthLimits);

  // The headers every answer carries are set before the route runs: a route may replace Cache-Control,
  // and Hono folds these into the response it builds. Setting them after `next()` would make Hono rebuild
  // the finished response, which costs more than many routes themselves.
  app.use(async (c, next) => {
    const started = performance.now();
    const requestId = requestIdOf(c.req.header("x-request-id"), randomBytes);
    c.set("requestId", requestId);
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Request-Id", requestId);
    if (c.req.header("authorization") !== undefined || c.req.path.startsWith("/v1/")) {
      limiter.check(sourceOf(c));
    }
    await requestContext.run({ requestId }, next);
    const ms = performance.now() - started;
    recordRequest(deps.metrics, {
      method: c.req.method,
      route: routeOf(c),
      status: c.res.status,
      seconds: ms / 1000,
      errorCode: c.get("errorCode"),
      outcome: c.get("outcome"),
    });
    // Failed authentication is logged in aggregate by the limiter, not a line per request.
    if (c.res.status === 401 || c.res.status === 429) return;
    logger.request({
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(ms * 10) / 10,
      requestId,
    });
  });

  app.route("/", healthRoutes(deps));
  app.route("/", operationsRoutes(deps));
  app.route("/", issuerRoutes(deps));
  app.route("/v1/workspace", workspaceRoutes(deps));
  app.route("/v1/integrations", integrationsRoutes(deps));
  app.route("/v1/tokens", tokenRoutes(deps));
  app.route("/v1/audit", auditRoutes(deps));
  app.route("/v1/instances", instanceRoutes(deps));
  app.route("/v1/devbox", devboxRoutes(deps));
  app.route("/v1/id-token", idTokenRoutes(deps));
  app.route("/v1/workload/tailscale", tailscaleJoinRoutes(deps));
  app.route("/v1/trust-relationships", trustRelationshipRoutes(deps));
  app.route("/v1/auth", exchangeRoutes(deps));
  app.route("/", consoleRoutes());

  app.notFound((c) => {
    const error = new NscError(
      "route_not_found",
      `no route for ${c.req.method} ${c.req.path}: see GET /openapi.json for the API's paths`,
    );
    c.set("unmatched", true);
    c.set("errorCode", error.code);
    return c.json(toErrorBody(error), statusOf("route_not_found"));
  });

  app.onError((error, c) => {
    if (error instanceof TooManyFailedAttempts) {
      c.set("errorCode", error.code);
      c.header("Retry-After", String(error.retryAfterSecs));
      return c.json(toErrorBody(error), statusOf("too_many_failed_attempts"));
    }
    if (error instanceof NscError && isServerErrorCode(error.code)) {
      c.set("errorCode", error.code);
      if (AUTH_FAILURES.has(error.code)) limiter.fail(sourceOf(c));
      return c.json(toErrorBody(error), statusOf(error.code));
    }
    if (isSerializationFailure(error)) {
      c.set("errorCode", "version_conflict");
      const conflict = new NscError(
        "version_conflict",
        "another change to the same data was committing at the same time: nothing was changed; try again",
      );
      return c.json(toErrorBody(conflict), statusOf("version_conflict"));
    }
    if (isDatabaseUnavailable(error)) {
      c.set("errorCode", "database_unavailable");
      logger.warn("database unavailable", { method: c.req.method, path: c.req.path, error: error.message });
      const unavailable = new NscError(
        "database_unavailable",
        "the database is not reachable right now: try again shortly",
      );
      return c.json(toErrorBody(unavailable), statusOf("database_unavailable"));
    }
    logger.error("unhandled error", {
      method: c.req.method,
      path: c.req.path,
      error: error.name,
      message: error.message,
    });
    const internal = new NscError("internal", "internal server error: see the server log");
    c.set("errorCode", internal.code);
    return c.json(toErrorBody(internal), statusOf("internal"));
  });

  return app;
}

/**
 * The metrics label of a request's route: the registered pattern of the handler that answered, `console`
 * for the web console's files, `unmatched` for anything else — never the raw path, whose values are
 * unbounded.
 */
function routeOf(c: Context<AppEnv>): string {
  if (c.get("unmatched") === true) return "unmatched";
  const answered = matchedRoutes(c)[c.req.routeIndex];
  if (answered === undefined || answered.method === "ALL") return "unmatched";
  return answered.path === "/*" || answered.path === "*" ? "console" : answered.path;
}

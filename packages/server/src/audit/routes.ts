import { Hono } from "hono";
import { NscError, type AuditPage } from "@nsc/core";
import { requireRole } from "../tokens/require-role.js";
import type { ApiTokenEnv, AppDeps } from "../app/app-env.js";
import { listAudit } from "./list-audit.js";

const MAX_LIMIT = 500;

/** `GET /v1/audit?since=<RFC 3339>&before=<event id>&action=<prefix>&limit=<n>`, newest first; admins only. */
export function auditRoutes(deps: AppDeps): Hono<ApiTokenEnv> {
  const app = new Hono<ApiTokenEnv>();
  app.get("/", requireRole(deps, "admin"), async (c) => {
    const since = c.req.query("since");
    const before = c.req.query("before");
    const action = c.req.query("action");
    const limitText = c.req.query("limit") ?? "50";
    // Decimal digits only: Number() would also take "1e2", "0x10" and " 5".
    const limit = /^[0-9]{1,3}$/u.test(limitText) ? Number(limitText) : Number.NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new NscError(
        "invalid_request",
        `invalid limit ${JSON.stringify(limitText)}: use a whole number from 1 to ${MAX_LIMIT}`,
        {
          field: "limit",
        },
      );
    }
    const sinceMs = since === undefined ? undefined : Date.parse(since);
    if (sinceMs !== undefined && Number.isNaN(sinceMs)) {
      throw new NscError(
        "invalid_request",
        `invalid since ${JSON.stringify(since)}: use an RFC 3339 time such as 2026-01-02T15:04:05Z`,
        {
          field: "since",
        },
      );
    }
    if (before !== undefined && !/^ev-[0-9a-f]{28}$/u.test(before)) {
      throw new NscError(
        "invalid_request",
        "invalid before: pass the id of the last event of the previous page",
        { field: "before" },
      );
    }
    if (action !== undefined && !/^[a-z_.]{1,64}$/u.test(action)) {
      throw new NscError(
        "invalid_request",
        "invalid action filter: use an action or its prefix, such as tailscale_spec",
        { field: "action" },
      );
    }
    const events = await listAudit(deps.store.db, {
      workspaceId: c.get("principal").workspaceId,
      limit,
      ...(sinceMs === undefined ? {} : { since: sinceMs }),
      ...(before === undefined ? {} : { before }),
      ...(action === undefined ? {} : { actionPrefix: action }),
    });
    const last = events.at(-1);
    return c.json({
      events,
      next_before: events.length === limit && last !== undefined ? last.id : null,
    } satisfies AuditPage);
  });
  return app;
}

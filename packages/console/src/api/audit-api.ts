import { auditPageSchema } from "@nsc/core/browser";
import type { z } from "zod";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

/** One page of the audit log, newest first; `next_before` asks for the page after it. */
export type AuditPage = z.output<typeof auditPageSchema>;

/** One entry of the audit log. */
export type AuditEvent = AuditPage["events"][number];

/** What to ask the audit log for. */
export interface AuditQuery {
  readonly limit: number;
  readonly before?: string;
  readonly action?: string;
}

/** `GET /v1/audit?limit=N&before=<id>&action=<prefix>`; admins only. */
export async function listAudit(token: string, query: AuditQuery): Promise<AuditPage> {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.before !== undefined) params.set("before", query.before);
  if (query.action !== undefined) params.set("action", query.action);
  return parseResponse(
    auditPageSchema,
    await request(token, `/v1/audit?${params.toString()}`),
    "an audit page",
  );
}

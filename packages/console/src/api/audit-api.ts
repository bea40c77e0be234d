import { auditPageSchema, type AuditEvent, type AuditPage } from "@nsc/core/browser";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

export type { AuditEvent, AuditPage };

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

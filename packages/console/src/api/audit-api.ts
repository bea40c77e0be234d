import * as z from "zod/mini";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  object_kind: z.string(),
  object_id: z.string(),
  detail: z.unknown(),
});

/** One entry of the audit log. */
export type AuditEvent = z.output<typeof auditEventSchema>;

const auditPageSchema = z.object({ events: z.array(auditEventSchema), next_before: z.nullable(z.string()) });

/** One page of the audit log, newest first; `next_before` asks for the page after it. */
export type AuditPage = z.output<typeof auditPageSchema>;

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

import * as z from "zod/mini";
import { AUDIT_ACTIONS } from "../audit/audit-event.js";
import { named, time, type Wire } from "./wire.js";

/** One audited event as the API returns it. */
export const auditEventSchema = named(
  z.strictObject({
    id: z.string(),
    at: time,
    actor: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    object_kind: z.string(),
    object_id: z.string(),
    detail: z.record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
    ),
  }),
  "AuditEvent",
);
export type AuditEvent = Wire<typeof auditEventSchema>;

/** `GET /v1/audit`: newest first; `next_before` is the cursor of the next page, null on the last. */
export const auditPageSchema = named(
  z.strictObject({ events: z.array(auditEventSchema), next_before: z.nullable(z.string()) }),
  "AuditPage",
);
export type AuditPage = Wire<typeof auditPageSchema>;

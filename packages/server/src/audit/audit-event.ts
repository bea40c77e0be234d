// The audit event is part of the API's contract, so its type lives in core with the other wire shapes.
export { AUDIT_ACTIONS, type AuditAction, type AuditDetail, type AuditEvent } from "@nsc/core";

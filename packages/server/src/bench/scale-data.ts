import { createHash, randomBytes } from "node:crypto";
import { newId, parseWorkspaceId } from "@nsc/core";
import { recordAudits, type AuditRecord } from "../audit/record-audit.js";
import { toJsonColumn } from "../store/json-column.js";
import { openStore } from "../store/open-store.js";
import type { InstancesTable } from "../store/schema.js";

/** Rows per INSERT for instances: well under both databases' bound-parameter limits. */
const INSTANCE_ROWS_PER_INSERT = 500;
/** Audit events per transaction. */
const AUDIT_EVENTS_PER_TRANSACTION = 20_000;

/**
 * Fills a workspace in bulk through the store, as years of use would: `instances` registered instances
 * (a tenth destroyed) and `auditRows` audit events, almost all `id_token.issued`, one in a thousand a spec
 * change. Returns how long it took.
 */
export async function buildScaleData(options: {
  readonly databaseUrl: string;
  readonly workspaceId: string;
  readonly instances: number;
  readonly auditRows: number;
}): Promise<{ readonly seconds: number }> {
  const started = performance.now();
  const workspaceId = parseWorkspaceId(options.workspaceId);
  const store = await openStore(options.databaseUrl);
  try {
    const now = Date.now();
    for (let done = 0; done < options.instances;) {
      const count = Math.min(INSTANCE_ROWS_PER_INSERT, options.instances - done);
      const rows = Array.from({ length: count }, (_, i): InstancesTable => {
        const id = newId("instance", randomBytes);
        return {
          id,
          workspace_id: workspaceId,
          kind: "runner",
          tailscale_spec: null,
          spec_source: "none",
          runner_profile: "bench",
          runner_labels: toJsonColumn(["namespace-profile-bench"]),
          devbox_name: null,
          devbox_spec: null,
          hostname: `bench-${id}`,
          workload_token_hash: createHash("sha256").update(randomBytes(32)).digest("hex"),
          created_by: "token:bench",
          created_at: now - (options.instances - done - i) * 1000,
          expires_at: now + 3_600_000,
          destroyed_at: (done + i) % 10 === 0 ? now : null,
        };
      });
      await store.db.insertInto("instances").values(rows).execute();
      done += count;
    }
    const start = now - options.auditRows;
    for (let done = 0; done < options.auditRows;) {
      const count = Math.min(AUDIT_EVENTS_PER_TRANSACTION, options.auditRows - done);
      const events = Array.from({ length: count }, (_, i) => {
        const n = done + i;
        const record: AuditRecord =
          n % 1000 === 0
            ? {
                workspaceId,
                actor: "token:bench",
                action: "tailscale_spec.set",
                objectKind: "tailscale_spec",
                objectId: "corp",
              }
            : {
                workspaceId,
                actor: "instance:in-bench",
                action: "id_token.issued",
                objectKind: "instance",
                objectId: "in-bench",
                detail: { jti: String(n), audience: "api.tailscale.com/kBench", subject: "ws/in-bench" },
              };
        return { record, at: start + n };
      });
      await store.db.transaction().execute((trx) => recordAudits(trx, events, randomBytes));
      done += count;
    }
  } finally {
    await store.close();
  }
  return { seconds: (performance.now() - started) / 1000 };
}

import type { InstanceInfo } from "@nsc/core";
import type { InstancesTable } from "../store/schema.js";
import { fromJsonColumn } from "../store/json-column.js";

/** The API view of a stored instance. */
export function toInstanceInfo(row: InstancesTable): InstanceInfo {
  return {
    id: row.id,
    kind: row.kind,
    workspace_id: row.workspace_id,
    subject: `${row.workspace_id}/${row.id}`,
    tailscale_spec: row.tailscale_spec,
    spec_source: row.spec_source,
    runner_profile: row.runner_profile,
    runner_labels: row.runner_labels === null ? null : fromJsonColumn(row.runner_labels),
    devbox_name: row.devbox_name,
    hostname: row.hostname,
    created_at: new Date(row.created_at).toISOString(),
    expires_at: new Date(row.expires_at).toISOString(),
    destroyed_at: row.destroyed_at === null ? null : new Date(row.destroyed_at).toISOString(),
    ...(row.trust_relationship == null ? {} : { trust_relationship: row.trust_relationship }),
  };
}

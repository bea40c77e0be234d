import {
  DEFAULT_INSTANCE_TTL_SECS,
  WORKLOAD_TOKEN_PREFIX,
  newId,
  type InstanceInfo,
  type RegisterInstanceRequest,
} from "@nsc/core";
import { auditChange } from "../audit/record-audit.js";
import type { WriteContext } from "../audit/write-context.js";
import type { Executor } from "../store/executor.js";
import type { InstancesTable } from "../store/schema.js";
import { hashSecret, newSecret } from "../tokens/token-secret.js";
import { toJsonColumn } from "../store/json-column.js";
import { resolveRegistration, type Resolved } from "./resolve-registration.js";
import { toInstanceInfo } from "./instance-info.js";

/**
 * Registers an instance and mints its workload token (shown once, stored as a hash). The Tailscale spec
 * is chosen by the rules of its kind — the request for generic instances, the profile label's
 * `tailscale.spec` for runners, the file and workspace defaults for devboxes — and must exist. Run
 * inside a transaction.
 */
export async function registerInstance(
  db: Executor,
  request: RegisterInstanceRequest,
  write: WriteContext,
): Promise<{ readonly info: InstanceInfo; readonly workloadToken: string }> {
  const { workspaceId, now, random } = write;
  const resolved = await resolveRegistration(db, workspaceId, request, random);
  const id = newId("instance", random);
  const token = newSecret(WORKLOAD_TOKEN_PREFIX, random);
  const row: InstancesTable = {
    id,
    workspace_id: workspaceId,
    kind: resolved.kind,
    tailscale_spec: resolved.spec,
    spec_source: resolved.source,
    runner_profile: resolved.runnerProfile,
    runner_labels: resolved.runnerLabels === null ? null : toJsonColumn(resolved.runnerLabels),
    devbox_name: resolved.devboxName,
    devbox_spec: resolved.devboxSpec === undefined ? null : toJsonColumn(resolved.devboxSpec),
    hostname: hostnameOf(resolved, id),
    workload_token_hash: hashSecret(token),
    created_by: write.actor,
    created_at: now,
    expires_at: now + (request.ttl_secs ?? DEFAULT_INSTANCE_TTL_SECS) * 1000,
    destroyed_at: null,
  };
  await db.insertInto("instances").values(row).execute();
  await auditChange(db, write, {
    action: "instance.registered",
    objectKind: "instance",
    objectId: id,
    detail: {
      kind: row.kind,
      tailscale_spec: row.tailscale_spec,
      spec_source: row.spec_source,
      expires_at: new Date(row.expires_at).toISOString(),
    },
  });
  return { info: toInstanceInfo(row), workloadToken: token };
}

function hostnameOf(resolved: Resolved, id: string): string {
  const body = id.slice(id.indexOf("-") + 1);
  switch (resolved.kind) {
    case "runner":
      return `runner-${body}`;
    case "devbox":
      return resolved.devboxName ?? `devbox-${body}`;
    case "generic":
      return `nsc-${body}`;
    default: {
      return resolved.kind satisfies never;
    }
  }
}

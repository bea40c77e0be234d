import {
  DEFAULT_INSTANCE_TTL_SECS,
  NscError,
  WORKLOAD_TOKEN_PREFIX,
  newId,
  parseDevboxSpecFile,
  parseRunnerLabels,
  parseSpecName,
  resolveDevboxTailscaleSpec,
  type InstanceInfo,
  type InstanceKind,
  type RandomBytes,
  type RegisterInstanceRequest,
  type SpecName,
  type SpecSource,
  specNotFound,
} from "@nsc/core";
import { auditChange } from "../audit/record-audit.js";
import type { WriteContext } from "../audit/write-context.js";
import { getDevboxDefaults } from "../devboxes/devbox-defaults.js";
import { findTailscaleSpec } from "../integrations/integrations.js";
import type { Executor } from "../store/executor.js";
import { precompiled } from "../store/precompiled.js";
import type { InstancesTable } from "../store/schema.js";
import { hashSecret, newSecret } from "../tokens/token-secret.js";

/** What registration decided before anything is written. */
interface Resolved {
  readonly kind: InstanceKind;
  readonly spec: SpecName | null;
  readonly source: SpecSource;
  readonly runnerProfile: string | null;
  readonly runnerLabels: readonly string[] | null;
  readonly devboxName: string | null;
  readonly devboxSpec: unknown;
}

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
  const resolved = await resolve(db, workspaceId, request, random);
  const id = newId("instance", random);
  const token = newSecret(WORKLOAD_TOKEN_PREFIX, random);
  const row: InstancesTable = {
    id,
    workspace_id: workspaceId,
    kind: resolved.kind,
    tailscale_spec: resolved.spec,
    spec_source: resolved.source,
    runner_profile: resolved.runnerProfile,
    runner_labels: resolved.runnerLabels === null ? null : JSON.stringify(resolved.runnerLabels),
    devbox_name: resolved.devboxName,
    devbox_spec: resolved.devboxSpec === undefined ? null : JSON.stringify(resolved.devboxSpec),
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

async function resolve(
  db: Executor,
  workspaceId: string,
  request: RegisterInstanceRequest,
  random: RandomBytes,
): Promise<Resolved> {
  switch (request.kind) {
    case "generic": {
      const spec =
        request.tailscale_spec === undefined ? null : parseSpecName(request.tailscale_spec, "tailscale_spec");
      if (spec !== null) await requireSpec(db, workspaceId, spec, "tailscale_spec");
      return {
        kind: "generic",
        spec,
        source: spec === null ? "none" : "request",
        runnerProfile: null,
        runnerLabels: null,
        devboxName: null,
        devboxSpec: undefined,
      };
    }
    case "runner": {
      const labels = parseRunnerLabels(request.labels);
      const spec = labels.tailscale_spec ?? null;
      if (spec !== null) {
        const index = request.labels.findIndex((l) => l === labels.profile?.label);
        await requireSpec(
          db,
          workspaceId,
          spec,
          `labels[${index}]`,
          `runner label ${JSON.stringify(labels.profile?.label ?? "")}`,
        );
      }
      return {
        kind: "runner",
        spec,
        source: spec === null ? "none" : "label",
        runnerProfile: labels.profile?.name ?? null,
        runnerLabels: request.labels,
        devboxName: null,
        devboxSpec: undefined,
      };
    }
    case "devbox": {
      const file = parseDevboxSpecFile(request.devbox_file.content, request.devbox_file.name);
      const defaults = await getDevboxDefaults(db, workspaceId);
      const resolved = resolveDevboxTailscaleSpec({
        fileSpec: file.tailscale_spec,
        workspaceDefault: {
          spec: defaults.tailscale_spec === null ? null : parseSpecName(defaults.tailscale_spec),
          locked: defaults.locked,
        },
      });
      if (resolved.spec !== null) {
        const where =
          resolved.source === "file"
            ? `${request.devbox_file.name}: integrations.tailscale.spec`
            : "the workspace's devbox default";
        await requireSpec(
          db,
          workspaceId,
          resolved.spec,
          resolved.source === "file" ? "integrations.tailscale.spec" : "devbox_defaults",
          where,
        );
      }
      const name =
        file.naming.kind === "name" ? file.naming.name : `${file.naming.name_prefix}-${suffix(random)}`;
      return {
        kind: "devbox",
        spec: resolved.spec,
        source: resolved.source,
        runnerProfile: null,
        runnerLabels: null,
        devboxName: name,
        devboxSpec: file,
      };
    }
    default: {
      const unreachable: never = request;
      return unreachable;
    }
  }
}

async function requireSpec(
  db: Executor,
  workspaceId: string,
  spec: SpecName,
  field: string,
  namedBy?: string,
): Promise<void> {
  if ((await findTailscaleSpec(db, workspaceId, spec)) === undefined) {
    throw specNotFound(spec, {
      ...(namedBy === undefined ? {} : { namedBy }),
      field,
      otherwise: "name another spec",
    });
  }
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
      const unreachable: never = resolved.kind;
      return unreachable;
    }
  }
}

function suffix(random: RandomBytes): string {
  return Array.from(random(6), (b) => "abcdefghijklmnopqrstuvwxyz234567".charAt(b & 31)).join("");
}

/** The workload-token lookup by the token's hash: it runs on every ID token issued. */
const workloadLookup = precompiled((db) =>
  db.selectFrom("instances").selectAll().where("workload_token_hash", "=", "").compile(),
);

/** The live instance behind a workload token; destroyed and expired ones are refused with what to do. */
export async function authenticateWorkload(
  db: Executor,
  token: string,
  now: number,
): Promise<InstancesTable> {
  const [row] = await workloadLookup(db, [hashSecret(token)]);
  if (row === undefined) {
    throw new NscError(
      "unauthenticated",
      "the workload token is not valid: register the instance again to get a new one",
    );
  }
  if (row.destroyed_at !== null) {
    throw new NscError(
      "unauthenticated",
      `instance ${row.id} was destroyed; its workload token no longer works`,
    );
  }
  if (row.expires_at <= now) {
    throw new NscError(
      "workload_token_expired",
      "workload token expired: register the instance again to get a new one",
    );
  }
  return row;
}

/** Refuses an instance destroyed or expired since its request was authenticated. */
export async function requireLiveInstance(db: Executor, id: string, now: number): Promise<void> {
  const row = await db
    .selectFrom("instances")
    .select(["destroyed_at", "expires_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined || row.destroyed_at !== null || row.expires_at <= now) {
    throw new NscError(
      "unauthenticated",
      `instance ${id} was destroyed or expired while the request was in progress: register the instance again`,
    );
  }
}

/** Lists a workspace's instances, newest first. */
export async function listInstances(
  db: Executor,
  workspaceId: string,
  limit = 500,
): Promise<readonly InstanceInfo[]> {
  const rows = await db
    .selectFrom("instances")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toInstanceInfo);
}

/** Reads one instance of the workspace; another workspace's instance is simply not found. */
export async function getInstance(db: Executor, workspaceId: string, id: string): Promise<InstancesTable> {
  const row = await db
    .selectFrom("instances")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined)
    throw new NscError(
      "instance_not_found",
      `instance "${id}" not found: list instances with \`nsc instances list\``,
    );
  return row;
}

/** Destroys an instance, which revokes its workload token at once. Destroying twice changes nothing. */
export async function destroyInstance(db: Executor, id: string, write: WriteContext): Promise<InstanceInfo> {
  const row = await getInstance(db, write.workspaceId, id);
  if (row.destroyed_at !== null) return toInstanceInfo(row);
  await db.updateTable("instances").set({ destroyed_at: write.now }).where("id", "=", id).execute();
  await auditChange(db, write, {
    action: "instance.destroyed",
    objectKind: "instance",
    objectId: id,
    detail: { kind: row.kind },
  });
  return toInstanceInfo({ ...row, destroyed_at: write.now });
}

/** The API view of a stored instance. */
export function toInstanceInfo(row: InstancesTable): InstanceInfo {
  return {
    id: row.id,
    kind: row.kind as InstanceKind,
    workspace_id: row.workspace_id,
    subject: `${row.workspace_id}/${row.id}`,
    tailscale_spec: row.tailscale_spec,
    spec_source: row.spec_source as SpecSource,
    runner_profile: row.runner_profile,
    runner_labels: row.runner_labels === null ? null : (JSON.parse(row.runner_labels) as string[]),
    devbox_name: row.devbox_name,
    hostname: row.hostname,
    created_at: new Date(row.created_at).toISOString(),
    expires_at: new Date(row.expires_at).toISOString(),
    destroyed_at: row.destroyed_at === null ? null : new Date(row.destroyed_at).toISOString(),
    ...(row.trust_relationship == null ? {} : { trust_relationship: row.trust_relationship }),
  };
}

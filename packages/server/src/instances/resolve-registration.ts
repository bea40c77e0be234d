import {
  parseDevboxSpecFile,
  parseRunnerLabels,
  parseSpecName,
  resolveDevboxTailscaleSpec,
  type InstanceKind,
  type RandomBytes,
  type RegisterInstanceRequest,
  type SpecName,
  type SpecSource,
  type WorkspaceId,
  specNotFound,
} from "@nsc/core";
import { getDevboxDefaults } from "../devboxes/devbox-defaults.js";
import { findTailscaleSpec } from "../integrations/integrations.js";
import type { Executor } from "../store/executor.js";

/** What registration decided before anything is written. */
export interface Resolved {
  readonly kind: InstanceKind;
  readonly spec: SpecName | null;
  readonly source: SpecSource;
  readonly runnerProfile: string | null;
  readonly runnerLabels: readonly string[] | null;
  readonly devboxName: string | null;
  readonly devboxSpec: unknown;
}

/**
 * Decides what a registration stores, by the rules of its kind, and checks that the chosen spec exists.
 * Writes nothing.
 */
export async function resolveRegistration(
  db: Executor,
  workspaceId: WorkspaceId,
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
      return request satisfies never;
    }
  }
}

async function requireSpec(
  db: Executor,
  workspaceId: WorkspaceId,
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

function suffix(random: RandomBytes): string {
  return Array.from(random(6), (b) => "abcdefghijklmnopqrstuvwxyz234567".charAt(b & 31)).join("");
}

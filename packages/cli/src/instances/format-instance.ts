import { table } from "../io/table.js";
import { describeSpecChoice } from "./describe-spec-choice.js";
import type { InstanceInfo as Instance } from "@nsc/core/api/instances.js";

/** `active`, `expired` or `destroyed`, as of `now` (epoch ms). */
export function instanceStatus(instance: Instance, now: number): "active" | "expired" | "destroyed" {
  if (instance.destroyed_at !== null) return "destroyed";
  return Date.parse(instance.expires_at) <= now ? "expired" : "active";
}

/** The plain `nsc instances describe` text: one `Label: value` line per field. */
export function formatInstance(instance: Instance, now: number): string {
  const lines: [string, string][] = [
    ["ID", instance.id],
    ["Kind", instance.kind],
    ["Status", instanceStatus(instance, now)],
    ["Subject", instance.subject],
    ["Hostname", instance.hostname],
    ["Tailscale spec", describeSpecChoice(instance)],
  ];
  if (instance.runner_profile !== null) lines.push(["Runner profile", instance.runner_profile]);
  if (instance.runner_labels !== null) lines.push(["Runner labels", instance.runner_labels.join(", ")]);
  if (instance.devbox_name !== null) lines.push(["Devbox", instance.devbox_name]);
  lines.push(["Created", instance.created_at], ["Expires", instance.expires_at]);
  if (instance.destroyed_at !== null) lines.push(["Destroyed", instance.destroyed_at]);
  return lines.map(([label, value]) => `${label}: ${value}\n`).join("");
}

/** The plain `nsc instances list` table. */
export function formatInstanceList(instances: readonly Instance[], now: number): string {
  if (instances.length === 0) return "No instances.\n";
  const rows = instances.map((i) => [
    i.id,
    i.kind,
    instanceStatus(i, now),
    i.hostname,
    i.tailscale_spec ?? "-",
    i.expires_at,
  ]);
  return table(["ID", "KIND", "STATUS", "HOSTNAME", "TAILSCALE SPEC", "EXPIRES"], rows);
}

import type { DevboxDefaults } from "@nsc/core/api/devbox-defaults.js";

/** The plain text of the workspace's devbox defaults. */
export function formatDevboxDefaults(defaults: DevboxDefaults): string {
  const spec = defaults.tailscale_spec ?? "none";
  const lock = defaults.locked
    ? "locked: it overrides the spec a devbox file names"
    : "not locked: a devbox file's own spec wins";
  return `Default Tailscale spec for new devboxes: ${spec} (${lock})\n`;
}

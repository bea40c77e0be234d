import type { SpecName } from "../ids/spec-name.js";

/** Where a devbox's Tailscale spec came from. */
export type DevboxTailscaleSpecSource = "locked_default" | "file" | "default" | "none";

/** The workspace's default Tailscale spec for new devboxes; `locked` when policy enforces it. */
export interface DevboxTailscaleDefault {
  /** Null when the workspace sets no default (a locked null default means "no Tailscale"). */
  readonly spec: SpecName | null;
  readonly locked: boolean;
}

/** The Tailscale spec a new devbox joins with, and why. */
export interface ResolvedDevboxTailscaleSpec {
  readonly spec: SpecName | null;
  readonly source: DevboxTailscaleSpecSource;
}

/**
 * Chooses a new devbox's Tailscale spec: a workspace default locked by policy wins; else the spec file's
 * `integrations.tailscale.spec`; else the workspace default; else none.
 *
 * @example
 * resolveDevboxTailscaleSpec({ fileSpec: dev, workspaceDefault: { spec: corp, locked: true } })
 * // { spec: corp, source: "locked_default" }
 * resolveDevboxTailscaleSpec({ fileSpec: dev, workspaceDefault: { spec: corp, locked: false } })
 * // { spec: dev, source: "file" }
 */
export function resolveDevboxTailscaleSpec(input: {
  readonly fileSpec?: SpecName | undefined;
  readonly workspaceDefault?: DevboxTailscaleDefault | undefined;
}): ResolvedDevboxTailscaleSpec {
  const { fileSpec, workspaceDefault } = input;
  if (workspaceDefault?.locked === true) return { spec: workspaceDefault.spec, source: "locked_default" };
  if (fileSpec !== undefined) return { spec: fileSpec, source: "file" };
  if (workspaceDefault !== undefined && workspaceDefault.spec !== null) {
    return { spec: workspaceDefault.spec, source: "default" };
  }
  return { spec: null, source: "none" };
}

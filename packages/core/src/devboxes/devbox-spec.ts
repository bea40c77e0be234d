import type { SpecName } from "../ids/spec-name.js";

/** A devbox machine size. */
export type DevboxSize = "S" | "M" | "L" | "XL";

/** Every {@link DevboxSize}, smallest first. */
export const DEVBOX_SIZES: readonly DevboxSize[] = ["S", "M", "L", "XL"];

/** A named terminal session started in a new devbox. */
export interface DevboxSession {
  readonly name: string;
  readonly command: string;
}

/** How a new devbox is named: exactly, or by a prefix the server completes. */
export type DevboxNaming =
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "name_prefix"; readonly name_prefix: string };

/**
 * A validated devbox spec file (see {@link parseDevboxSpecFile}). Optional fields are absent when the file
 * leaves them out; `sessions` is empty then.
 *
 * @example
 * {
 *   naming: { kind: "name", name: "api-dev" },
 *   image: "ubuntu:24.04",
 *   size: "M",
 *   auto_stop_idle_timeout_secs: 1800,
 *   sessions: [{ name: "shell", command: "bash" }],
 *   tailscale_spec: "corp",
 * }
 */
export interface DevboxSpec {
  readonly naming: DevboxNaming;
  readonly image: string;
  readonly size: DevboxSize;
  readonly repository?: string;
  readonly site?: string;
  readonly volume_size_gb?: number;
  /** `auto_stop_idle_timeout` in seconds. */
  readonly auto_stop_idle_timeout_secs?: number;
  readonly sessions: readonly DevboxSession[];
  /** `integrations.tailscale.spec`: the file's own choice, before workspace defaults apply. */
  readonly tailscale_spec?: SpecName;
}

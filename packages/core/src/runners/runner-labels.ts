import type { SpecName } from "../ids/spec-name.js";

/** Most labels one job's `runs-on` may list; far above any real workflow. */
export const MAX_RUNNER_LABELS = 64;
/** Longest single label accepted, features included. */
export const MAX_RUNNER_LABEL_LENGTH = 512;

/** A CPU architecture a machine label can name. */
export type MachineArch = "amd64" | "arm64";

/** A machine shape, written `{vcpu}x{memory_gb}` in a label (`4x16`). */
export interface MachineShape {
  readonly vcpu: number;
  readonly memory_gb: number;
}

/**
 * A `namespace-profile-<name>(;key=value)*` label. Features keep the order they were written in.
 *
 * @example
 * // "namespace-profile-ci;tailscale.spec=corp;job.priority=1"
 * { label: "…", name: "ci", features: new Map([["tailscale.spec", "corp"], ["job.priority", "1"]]) }
 */
export interface ProfileLabel {
  /** The label as written. */
  readonly label: string;
  readonly name: string;
  readonly features: ReadonlyMap<string, string>;
}

/**
 * A `nscloud-{os}-{arch}-{shape}` machine label. Arch and shape may be left out, in that order from the
 * end (`nscloud-ubuntu-22.04`, `nscloud-ubuntu-22.04-arm64`); Namespace then picks its defaults.
 */
export interface MachineLabel {
  /** The label as written. */
  readonly label: string;
  /** Operating system and version, e.g. `ubuntu-22.04`, `macos-sonoma`, `windows-2022`. */
  readonly os: string;
  readonly arch: MachineArch | undefined;
  readonly shape: MachineShape | undefined;
}

/** What a GitHub Actions job's `runs-on` labels say, as read by {@link parseRunnerLabels}. */
export interface RunnerLabels {
  readonly profile: ProfileLabel | undefined;
  readonly machine: MachineLabel | undefined;
  /** `namespace-features:<key>=<value>` labels, in the order written. */
  readonly namespace_features: ReadonlyMap<string, string>;
  /** Every other label (`self-hosted`, `linux`, …), as written. */
  readonly other: readonly string[];
  /** The spec named by the profile's `tailscale.spec` feature, if any. */
  readonly tailscale_spec: SpecName | undefined;
}

import { runnerLabelError } from "./runner-label-error.js";
import type { MachineArch, MachineLabel, MachineShape } from "./runner-labels.js";

/** Every machine label starts with this, compared without regard to case. */
export const MACHINE_LABEL_PREFIX = "nscloud-";
/** Largest vCPU count and memory (GB) a shape may name; far above any real machine. */
export const MAX_SHAPE_VCPU = 1024;
export const MAX_SHAPE_MEMORY_GB = 16384;

const OS_NAME = /^[a-z][a-z0-9]*$/u;
const OS_VERSION = /^[a-z0-9][a-z0-9.]*$/u;
const SHAPE = /^([1-9][0-9]{0,4})x([1-9][0-9]{0,5})$/u;
const EXAMPLE = "e.g. nscloud-ubuntu-22.04-amd64-4x16";

function parseArch(token: string): MachineArch | undefined {
  switch (token) {
    case "amd64":
    case "arm64":
      return token;
    default:
      return undefined;
  }
}

/**
 * Parses a `nscloud-{os}-{arch}-{shape}` machine label; `index` is its position in `runs-on`.
 *
 * Grammar (matched without regard to case, returned in lowercase): `{os}` is a name and a version
 * (`ubuntu-22.04`, `macos-sonoma`, `windows-2022`); `{arch}` is `amd64` or `arm64`; `{shape}` is
 * `{vcpu}x{memory_gb}` (`4x16`). Shape, or arch and shape, may be left out.
 *
 * @example
 * parseMachineLabel("nscloud-ubuntu-22.04-arm64-4x16", 0)
 * // { label: "…", os: "ubuntu-22.04", arch: "arm64", shape: { vcpu: 4, memory_gb: 16 } }
 * @throws NscError `invalid_runner_label`, field `labels[<index>]`.
 */
export function parseMachineLabel(label: string, index: number): MachineLabel {
  const tokens = label.slice(MACHINE_LABEL_PREFIX.length).toLowerCase().split("-");
  const [osName = "", osVersion, archToken, shapeToken, ...extra] = tokens;
  if (!OS_NAME.test(osName) || osVersion === undefined || !OS_VERSION.test(osVersion)) {
    throw runnerLabelError(
      index,
      label,
      `machine labels look like nscloud-{os}-{arch}-{shape} with {os} a name and version (${EXAMPLE})`,
    );
  }
  let arch: MachineArch | undefined;
  if (archToken !== undefined) {
    arch = parseArch(archToken);
    if (arch === undefined) {
      const hint = SHAPE.test(archToken) ? "; give the architecture before the shape" : "";
      throw runnerLabelError(
        index,
        label,
        `unknown architecture ${JSON.stringify(archToken)}: use amd64 or arm64${hint} (${EXAMPLE})`,
      );
    }
  }
  let shape: MachineShape | undefined;
  if (shapeToken !== undefined) {
    const match = SHAPE.exec(shapeToken);
    const vcpu = Number(match?.[1]);
    const memoryGb = Number(match?.[2]);
    if (match === null || vcpu > MAX_SHAPE_VCPU || memoryGb > MAX_SHAPE_MEMORY_GB) {
      throw runnerLabelError(
        index,
        label,
        `invalid machine shape ${JSON.stringify(shapeToken)}: write {vcpu}x{memory_gb} with positive whole numbers (at most ${MAX_SHAPE_VCPU}x${MAX_SHAPE_MEMORY_GB}), e.g. 4x16`,
      );
    }
    shape = { vcpu, memory_gb: memoryGb };
  }
  if (extra.length > 0) {
    throw runnerLabelError(
      index,
      label,
      `unexpected ${JSON.stringify(extra.join("-"))} after the shape (${EXAMPLE})`,
    );
  }
  return { label, os: `${osName}-${osVersion}`, arch, shape };
}

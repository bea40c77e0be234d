import { NscError } from "../errors/nsc-error.js";
import { parseSpecName, type SpecName } from "../ids/spec-name.js";
import { parseLabelFeature } from "./parse-label-feature.js";
import { MACHINE_LABEL_PREFIX, parseMachineLabel } from "./parse-machine-label.js";
import { PROFILE_LABEL_PREFIX, parseProfileLabel } from "./parse-profile-label.js";
import { runnerLabelError } from "./runner-label-error.js";
import {
  MAX_RUNNER_LABEL_LENGTH,
  MAX_RUNNER_LABELS,
  type MachineLabel,
  type ProfileLabel,
  type RunnerLabels,
} from "./runner-labels.js";

/** The profile feature that names the Tailscale spec a runner joins with. */
export const TAILSCALE_SPEC_FEATURE = "tailscale.spec";
/** Every `namespace-features:` label starts with this, compared without regard to case. */
export const FEATURES_LABEL_PREFIX = "namespace-features:";

type LabelKind = "profile" | "machine" | "features" | "other";

function kindOf(label: string): LabelKind {
  const lower = label.toLowerCase();
  if (lower.startsWith(PROFILE_LABEL_PREFIX)) return "profile";
  if (lower.startsWith(MACHINE_LABEL_PREFIX)) return "machine";
  if (lower.startsWith(FEATURES_LABEL_PREFIX)) return "features";
  return "other";
}

function tailscaleSpecOf(profile: ProfileLabel, index: number): SpecName | undefined {
  const value = profile.features.get(TAILSCALE_SPEC_FEATURE);
  if (value === undefined) return undefined;
  try {
    return parseSpecName(value, `labels[${index}]`);
  } catch (error) {
    if (!(error instanceof NscError)) throw error;
    throw runnerLabelError(index, profile.label, `feature ${TAILSCALE_SPEC_FEATURE}: ${error.message}`);
  }
}

/**
 * Reads a GitHub Actions job's `runs-on` labels: at most one `namespace-profile-<name>(;key=value)*` profile
 * label (see {@link parseProfileLabel}), at most one `nscloud-{os}-{arch}-{shape}` machine label (see
 * {@link parseMachineLabel}), any number of `namespace-features:<key>=<value>` labels (each key once), and any
 * other labels, kept as written. The profile's `tailscale.spec=<name>` feature selects the Tailscale spec; it
 * is read only from the profile label. Prefixes are matched without regard to case, as GitHub matches labels.
 * At most 64 labels of at most 512 characters each.
 *
 * @example
 * parseRunnerLabels(["self-hosted", "namespace-profile-ci;tailscale.spec=corp"]).tailscale_spec // "corp"
 * @throws NscError `invalid_runner_label` naming the label and the problem, field `labels[<index>]`
 * (`labels` when there are too many).
 */
export function parseRunnerLabels(labels: readonly string[]): RunnerLabels {
  if (labels.length > MAX_RUNNER_LABELS) {
    throw new NscError(
      "invalid_runner_label",
      `too many runner labels: ${labels.length} given, at most ${MAX_RUNNER_LABELS} allowed`,
      { field: "labels" },
    );
  }
  let profile: { readonly parsed: ProfileLabel; readonly index: number } | undefined;
  let machine: { readonly parsed: MachineLabel; readonly index: number } | undefined;
  const namespaceFeatures = new Map<string, string>();
  const other: string[] = [];
  for (const [index, label] of labels.entries()) {
    if (label.length > MAX_RUNNER_LABEL_LENGTH) {
      throw runnerLabelError(index, label, `longer than ${MAX_RUNNER_LABEL_LENGTH} characters`);
    }
    const kind = kindOf(label);
    switch (kind) {
      case "profile":
        if (profile !== undefined) {
          throw runnerLabelError(
            index,
            label,
            `a job may have one namespace-profile label, and labels[${profile.index}] is one already: keep one`,
          );
        }
        profile = { parsed: parseProfileLabel(label, index), index };
        break;
      case "machine":
        if (machine !== undefined) {
          throw runnerLabelError(
            index,
            label,
            `a job may have one nscloud machine label, and labels[${machine.index}] is one already: keep one`,
          );
        }
        machine = { parsed: parseMachineLabel(label, index), index };
        break;
      case "features": {
        const feature = parseLabelFeature(label.slice(FEATURES_LABEL_PREFIX.length));
        if (feature.kind === "malformed") throw runnerLabelError(index, label, feature.problem);
        if (feature.key === TAILSCALE_SPEC_FEATURE) {
          throw runnerLabelError(
            index,
            label,
            `${TAILSCALE_SPEC_FEATURE} is read only from the profile label: write namespace-profile-<name>;${TAILSCALE_SPEC_FEATURE}=${feature.value}`,
          );
        }
        if (namespaceFeatures.has(feature.key)) {
          throw runnerLabelError(
            index,
            label,
            `feature ${JSON.stringify(feature.key)} is given twice: keep one`,
          );
        }
        namespaceFeatures.set(feature.key, feature.value);
        break;
      }
      case "other":
        other.push(label);
        break;
      default:
        return kind satisfies never;
    }
  }
  return {
    profile: profile?.parsed,
    machine: machine?.parsed,
    namespace_features: namespaceFeatures,
    other,
    tailscale_spec: profile === undefined ? undefined : tailscaleSpecOf(profile.parsed, profile.index),
  };
}

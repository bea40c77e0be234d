import { parseLabelFeature } from "./parse-label-feature.js";
import { runnerLabelError } from "./runner-label-error.js";
import type { ProfileLabel } from "./runner-labels.js";

/** Every profile label starts with this, compared without regard to case. */
export const PROFILE_LABEL_PREFIX = "namespace-profile-";
/** Most features one profile label may carry. */
export const MAX_PROFILE_FEATURES = 32;

const PROFILE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/u;

/**
 * Parses a `namespace-profile-<name>(;key=value)*` label; `index` is its position in `runs-on`.
 *
 * Profile name grammar: 1 to 64 lowercase letters, digits, `-` or `_`, starting with a letter or digit.
 * GitHub matches labels without regard to case, so the name is returned in lowercase. Features follow the
 * grammar of {@link parseLabelFeature}; a key may appear once.
 *
 * @example
 * parseProfileLabel("namespace-profile-ci;tailscale.spec=corp", 0)
 * // { label: "namespace-profile-ci;tailscale.spec=corp", name: "ci", features: Map { "tailscale.spec" => "corp" } }
 * @throws NscError `invalid_runner_label`, field `labels[<index>]`.
 */
export function parseProfileLabel(label: string, index: number): ProfileLabel {
  const [rawName = "", ...parts] = label.slice(PROFILE_LABEL_PREFIX.length).split(";");
  const name = rawName.toLowerCase();
  if (name === "") {
    throw runnerLabelError(
      index,
      label,
      `empty profile name: write namespace-profile-<name>, e.g. namespace-profile-ci`,
    );
  }
  if (!PROFILE_NAME.test(name)) {
    throw runnerLabelError(
      index,
      label,
      `invalid profile name ${JSON.stringify(rawName)}: use 1 to 64 letters, digits, '-' or '_', starting with a letter or digit`,
    );
  }
  if (parts.length > MAX_PROFILE_FEATURES) {
    throw runnerLabelError(
      index,
      label,
      `too many features: ${parts.length} given, at most ${MAX_PROFILE_FEATURES} allowed`,
    );
  }
  const features = new Map<string, string>();
  for (const part of parts) {
    const feature = parseLabelFeature(part);
    switch (feature.kind) {
      case "malformed":
        throw runnerLabelError(index, label, feature.problem);
      case "feature":
        if (features.has(feature.key)) {
          throw runnerLabelError(
            index,
            label,
            `feature ${JSON.stringify(feature.key)} is given twice: keep one`,
          );
        }
        features.set(feature.key, feature.value);
        break;
      default:
        return feature satisfies never;
    }
  }
  return { label, name, features };
}

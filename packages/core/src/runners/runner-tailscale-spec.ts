import type { SpecName } from "../ids/spec-name.js";
import { parseRunnerLabels } from "./parse-runner-labels.js";

/**
 * The Tailscale spec a job's `runs-on` labels choose: the `tailscale.spec` feature of its
 * `namespace-profile-…` label, or undefined when there is none.
 *
 * @example
 * runnerTailscaleSpec(["namespace-profile-ci;tailscale.spec=corp"]) // "corp"
 * runnerTailscaleSpec(["ubuntu-latest"]) // undefined
 * @throws NscError `invalid_runner_label` when the labels are malformed (see {@link parseRunnerLabels}).
 */
export function runnerTailscaleSpec(labels: readonly string[]): SpecName | undefined {
  return parseRunnerLabels(labels).tailscale_spec;
}

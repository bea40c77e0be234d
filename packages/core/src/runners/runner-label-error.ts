import { NscError } from "../errors/nsc-error.js";

/** Longest part of an offending label quoted back in a message. */
const QUOTED_LABEL_LENGTH = 96;

/** An `invalid_runner_label` error naming the label, its position and the problem. */
export function runnerLabelError(index: number, label: string, problem: string): NscError {
  const quoted =
    label.length > QUOTED_LABEL_LENGTH
      ? `${JSON.stringify(label.slice(0, QUOTED_LABEL_LENGTH))}…`
      : JSON.stringify(label);
  return new NscError("invalid_runner_label", `invalid runner label ${quoted}: ${problem}`, {
    field: `labels[${index}]`,
  });
}

/**
 * The fast-check settings of the adversarial suite: a fixed seed (override with NSC_ADVERSARIAL_SEED to
 * explore) and a bounded number of runs, so the suite is repeatable and takes seconds.
 */
export function fcOptions(numRuns: number): { readonly seed: number; readonly numRuns: number } {
  const seed = Number(process.env.NSC_ADVERSARIAL_SEED ?? "20261201");
  return { seed, numRuns };
}

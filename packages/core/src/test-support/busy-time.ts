/**
 * The CPU time, in milliseconds, a synchronous call keeps this thread busy: the best of `runs` tries, so a
 * loaded machine (which slows wall time several-fold) does not fail a test that measures work done.
 * The call's result or error is ignored.
 */
export function busyMs(call: () => unknown, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    try {
      call();
    } catch {
      // Rejections are the expected outcome for adversarial inputs; only the time matters here.
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

import assert from "node:assert/strict";
import type { RunResult } from "@nsc/testkit";
import { assertNoSecrets, type Workload } from "./federation.js";

/**
 * Collects everything workloads printed and every `tailscale` argv they ran, so a test can check at the end
 * that no secret (workload token, ID token, auth key) leaked into any of it.
 */
export class LeakWatch {
  readonly #outputs: RunResult[] = [];
  readonly #argvs: string[][] = [];

  /** Runs `nsc` on the workload and keeps what it printed. */
  async run(workload: Workload, ...args: string[]): Promise<RunResult> {
    return this.record(await workload.nsc(...args));
  }

  /** Like {@link run}, with variables added to the workload's environment. */
  async runWith(workload: Workload, extra: NodeJS.ProcessEnv, ...args: string[]): Promise<RunResult> {
    return this.record(await workload.nscWith(extra, ...args));
  }

  record(result: RunResult): RunResult {
    this.#outputs.push(result);
    return result;
  }

  recordArgvs(argvs: readonly string[][]): void {
    this.#argvs.push(...argvs);
  }

  /** Fails unless at least `minOutputs` runs were kept and none of them, no argv and no server log holds a secret. */
  assertClean(minOutputs: number, serverLog: string): void {
    assert.ok(
      this.#outputs.length >= minOutputs,
      `${this.#outputs.length} runs kept, expected at least ${minOutputs}`,
    );
    for (const result of this.#outputs) assertNoSecrets(result.stdout, result.stderr);
    for (const argv of this.#argvs) assertNoSecrets(argv.join(" "));
    assert.match(serverLog, /"msg":"request"/u, "the server's log holds the requests it answered");
    assertNoSecrets(serverLog);
  }
}

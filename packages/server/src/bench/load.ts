import { Agent, request } from "node:http";

/** Latency figures of one load run, in milliseconds. */
export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly method: "GET" | "POST";
  readonly headers: (i: number) => Record<string, string>;
  readonly body?: (i: number) => string;
  readonly concurrency: number;
  readonly durationMs: number;
  /** Open-loop target rate (requests per second); absent means as fast as the server answers. */
  readonly ratePerSecond?: number;
  /** Most requests sent in all (for bodies that can be used once); absent means no limit. */
  readonly limit?: number;
}

/**
 * Drives HTTP load over keep-alive connections: `concurrency` clients, each sending its next request when
 * the previous one is answered (closed loop), or at a fixed total rate (open loop). Bounded in time.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(options.url);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const interval = options.ratePerSecond === undefined ? 0 : 1000 / options.ratePerSecond;

  const one = (i: number): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const body = options.body?.(i);
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: options.method,
          headers: options.headers(i),
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200 || res.statusCode === 304) latencies.push(performance.now() - t0);
            else errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  const client = async (c: number): Promise<void> => {
    while (performance.now() < deadline && sent < (options.limit ?? Infinity)) {
      const i = sent++;
      if (interval > 0) {
        const due = started + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (performance.now() >= deadline) break;
      }
      await one(i * options.concurrency + c);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, c) => client(c)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
  };
}

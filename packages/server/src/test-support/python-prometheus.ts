import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** One metric family as Prometheus's own Python client parsed it. */
export interface ParsedFamily {
  readonly name: string;
  readonly type: string;
  readonly help: string;
  readonly samples: readonly {
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly value: number;
  }[];
}

const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./parse-prometheus.py", import.meta.url));

/**
 * Why the independent parser (Debian's python3-prometheus-client) cannot run here, or `undefined` when it
 * can. Under CI=true a missing parser is a failure, never a skip: `.ci/run` installs it.
 */
export function prometheusParserMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ["-c", "import prometheus_client.parser"], { encoding: "utf8" });
  if (probe.status === 0) return undefined;
  const reason = `${PYTHON} cannot import prometheus_client (apt-get install python3-prometheus-client)`;
  if (process.env.CI === "true") throw new Error(`${reason}; CI requires it`);
  return reason;
}

/** Parses Prometheus text exposition with the official Python client. */
export function parsePrometheusText(text: string): readonly ParsedFamily[] {
  const out = execFileSync(PYTHON, [SCRIPT], { input: text, encoding: "utf8" });
  return JSON.parse(out) as ParsedFamily[];
}

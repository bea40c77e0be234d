import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { KeyInfo } from "../signing/key-ring.js";

/** What the signing-key gauges read at scrape time. */
export interface SigningKeySource {
  readonly keys: readonly KeyInfo[];
  /** When the active key is due to be replaced on schedule (ms since the epoch); `null` without one. */
  readonly nextRotationAt: number | null;
}

/** The kind of token a request hands out. */
export type IssuedTokenKind = "id_token" | "api_token" | "workload_token";

/**
 * The server's Prometheus metrics, on a registry of their own (never prom-client's global one), so two
 * apps in one process never share counters. Labels are bounded: routes are registered patterns, outcomes
 * are error codes or `ok`; never a workspace, an instance or a token.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly #now: () => number;
  readonly requestDuration: Histogram<"method" | "route" | "status">;
  readonly tokensIssued: Counter<"kind" | "outcome">;
  readonly joins: Counter<"outcome">;
  readonly exchanges: Counter<"outcome">;
  readonly auditCommit: Histogram<"outcome">;
  readonly auditBatchSize: Histogram;
  readonly databaseErrors: Counter<"operation">;
  readonly failedAuthentications: Counter<"code">;
  readonly pruned: Counter<"table">;

  constructor(options: { readonly now?: () => number; readonly processMetrics?: boolean } = {}) {
    this.#now = options.now ?? Date.now;
    const registers = [this.registry];
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry, prefix: "nsc_" });
    this.requestDuration = new Histogram({
      name: "nsc_http_request_duration_seconds",
      help: "Time from request to response, by method, registered route and status.",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.tokensIssued = new Counter({
      name: "nsc_tokens_issued_total",
      help: "Token requests by kind (id_token, api_token, workload_token) and outcome (ok or the error code).",
      labelNames: ["kind", "outcome"],
      registers,
    });
    this.joins = new Counter({
      name: "nsc_tailscale_joins_total",
      help: "Tailscale join requests (POST /v1/workload/tailscale/join) by outcome (ok, dry_run or the error code).",
      labelNames: ["outcome"],
      registers,
    });
    this.exchanges = new Counter({
      name: "nsc_token_exchanges_total",
      help: "Inbound OIDC token exchanges by outcome (ok or the error code).",
      labelNames: ["outcome"],
      registers,
    });
    this.auditCommit = new Histogram({
      name: "nsc_audit_batch_commit_seconds",
      help: "Time to commit one group-committed batch of audit events, by outcome (ok or error).",
      labelNames: ["outcome"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.auditBatchSize = new Histogram({
      name: "nsc_audit_batch_events",
      help: "Audit events per group-committed batch.",
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    });
    this.databaseErrors = new Counter({
      name: "nsc_database_errors_total",
      help: "Database operations that failed because the database was unreachable or refused, by operation.",
      labelNames: ["operation"],
      registers,
    });
    this.failedAuthentications = new Counter({
      name: "nsc_failed_authentications_total",
      help: "Requests refused for their credential, by error code (unauthenticated, token_expired, workload_token_expired, forbidden).",
      labelNames: ["code"],
      registers,
    });
    this.pruned = new Counter({
      name: "nsc_pruned_rows_total",
      help: "Rows removed by retention pruning, by table.",
      labelNames: ["table"],
      registers,
    });
  }

  /** Adds the signing-key gauges, read from `source` at every scrape. */
  watchSigningKeys(source: SigningKeySource): void {
    const now = this.#now;
    new Gauge({
      name: "nsc_signing_key_age_seconds",
      help: "Age of each published signing key since it was created, by kid, algorithm and state.",
      labelNames: ["kid", "alg", "state"],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const key of source.keys) {
          const age = (now() - Date.parse(key.created_at)) / 1000;
          this.set({ kid: key.kid, alg: key.alg, state: key.state }, age);
        }
      },
    });
    new Gauge({
      name: "nsc_signing_key_next_rotation_timestamp_seconds",
      help: "When the active signing key is due to be replaced on schedule (Unix time); absent without an active key.",
      registers: [this.registry],
      collect() {
        this.reset();
        if (source.nextRotationAt !== null) this.set(source.nextRotationAt / 1000);
      },
    });
  }

  /** An {@link AuditBatcher} `onCommit` observer feeding the audit-batch metrics. */
  observeAuditCommit(commit: { readonly ms: number; readonly events: number; readonly ok: boolean }): void {
    this.auditCommit.observe({ outcome: commit.ok ? "ok" : "error" }, commit.ms / 1000);
    this.auditBatchSize.observe(commit.events);
    if (!commit.ok) this.databaseErrors.inc({ operation: "audit_batch" });
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

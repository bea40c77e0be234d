import { createHash, createHmac, type KeyObject } from "node:crypto";
import {
  NscError,
  WORKLOAD_TOKEN_PREFIX,
  isWorkspaceId,
  newId,
  parseRunnerLabels,
  sourceClaimsOf,
  type ExchangeTokenRequest,
  type ExchangeTokenResponse,
  type SpecName,
  type WorkspaceId,
  specNotFound,
} from "@nsc/core";
import { auditChange } from "../audit/record-audit.js";
import type { WriteContext } from "../audit/write-context.js";
import { toInstanceInfo } from "../instances/instance-info.js";
import { findTailscaleSpec } from "../integrations/integrations.js";
import type { Runtime } from "../runtime/runtime.js";
import type { Store } from "../store/open-store.js";
import type { InstancesTable } from "../store/schema.js";
import { hashSecret } from "../tokens/token-secret.js";
import {
  checkTokenTimes,
  decodeExternalToken,
  verifySignature,
  type DecodedToken,
} from "./external-token.js";
import type { IssuerKeys } from "./issuer-keys.js";
import { matchRelationship } from "./match-relationship.js";
import { relationshipsForIssuer, type TrustRelationship } from "./trust-relationships.js";
import { toJsonColumn } from "../store/json-column.js";

/** What the exchange needs. */
export interface ExchangeDeps {
  readonly store: Store;
  readonly runtime: Runtime;
  readonly issuerKeys: IssuerKeys;
  /**
   * The key workload tokens of exchanged instances are derived under (from the key-encryption key), so
   * the same external token always yields the same workload token, on every replica.
   */
  readonly exchangeSecret: KeyObject;
}

/**
 * Trades a token of an external OIDC issuer for an instance and its workload token
 * (`POST /v1/auth/exchange-oidc-token`).
 *
 * Order of checks: the token's shape and `alg` (RS256 or ES256 only); a relationship of the workspace
 * for its `iss` (exact); the signature, with the key of its `kid` (see {@link IssuerKeys}); `exp`, `nbf`,
 * `iat` and the remaining lifetime; then each candidate relationship's audience, subject pattern, claim
 * rules and runner labels — the first relationship (by name) whose rules all hold wins. Nothing about a
 * relationship's rules is revealed before the signature verified.
 *
 * The instance is keyed by the token's issuer and `jti` (its SHA-256 when it has none): exchanging the
 * same token again returns the same instance and the same workload token, never a second instance; once
 * that instance is destroyed or expired the token is refused. Every exchange is audited with the issuer,
 * subject and `jti`, never the token. Everything is written in one transaction.
 *
 * @throws NscError one `exchange_*` code per failed check (403), `issuer_keys_unavailable` (502),
 * `spec_not_found`.
 */
export async function exchangeToken(
  deps: ExchangeDeps,
  request: ExchangeTokenRequest,
): Promise<ExchangeTokenResponse> {
  const token = decodeExternalToken(request.token);
  // A workspace ID of the wrong shape names no workspace, so it has no relationships either.
  const workspaceId = isWorkspaceId(request.workspace_id) ? request.workspace_id : undefined;
  const all =
    workspaceId === undefined ? [] : await relationshipsForIssuer(deps.store.db, workspaceId, token.iss);
  const candidates =
    request.trust_relationship === undefined ? all : all.filter((r) => r.name === request.trust_relationship);
  if (workspaceId === undefined || candidates.length === 0) {
    throw new NscError(
      "exchange_issuer_untrusted",
      `workspace ${JSON.stringify(request.workspace_id.slice(0, 64))} has no trust relationship${request.trust_relationship === undefined ? "" : ` named ${JSON.stringify(request.trust_relationship)}`} for the issuer ${JSON.stringify(token.iss.slice(0, 200))}: an admin adds one with \`nsc auth trust-relationships add NAME --issuer ${token.iss.slice(0, 200)} …\` (the issuer must equal the token's iss exactly)`,
    );
  }
  const verified = await verifyWithAny(deps.issuerKeys, token, candidates);
  const now = deps.runtime.clock.now();
  checkTokenTimes(token, now);

  const failures: string[] = [];
  let chosen: TrustRelationship | undefined;
  let firstCode: NscError["code"] | undefined;
  for (const relationship of verified) {
    const match = matchRelationship(relationship, token.payload, request.labels);
    if (match.ok) {
      chosen = relationship;
      break;
    }
    firstCode ??= match.code;
    failures.push(`trust relationship "${relationship.name}": ${match.reason}`);
  }
  if (chosen === undefined) {
    throw new NscError(
      firstCode ?? "exchange_issuer_untrusted",
      `the token was refused: ${failures.join("; ")}`,
    );
  }
  return admit(deps, workspaceId, chosen, token, request.labels, now);
}

/** The relationships whose key source verifies the token's signature; throws the first failure if none. */
async function verifyWithAny(
  keys: IssuerKeys,
  token: DecodedToken,
  candidates: readonly TrustRelationship[],
): Promise<readonly TrustRelationship[]> {
  const passed: TrustRelationship[] = [];
  let failure: unknown;
  for (const relationship of candidates) {
    try {
      verifySignature(token, await keys.resolve(token.iss, relationship.jwks, token.kid, token.alg));
      passed.push(relationship);
    } catch (error) {
      failure ??= error;
    }
  }
  if (passed.length === 0) throw failure;
  return passed;
}

async function admit(
  deps: ExchangeDeps,
  workspaceId: WorkspaceId,
  relationship: TrustRelationship,
  token: DecodedToken,
  labels: readonly string[] | undefined,
  now: number,
): Promise<ExchangeTokenResponse> {
  const parsedLabels = labels === undefined ? undefined : parseRunnerLabels(labels);
  const spec: SpecName | null = relationship.tailscale_spec ?? parsedLabels?.tailscale_spec ?? null;
  if (spec === null) {
    throw new NscError(
      "exchange_labels_rejected",
      `trust relationship "${relationship.name}" picks the Tailscale spec from the job's labels, and none names one: add a namespace-profile-<name>;tailscale.spec=<spec> label`,
    );
  }
  const jti =
    typeof token.payload.jti === "string" && token.payload.jti !== "" ? token.payload.jti : undefined;
  const exchangeKey = createHash("sha256")
    .update(
      `${token.iss}\n${jti === undefined ? `token:${createHash("sha256").update(token.signingInput).digest("hex")}` : `jti:${jti}`}`,
    )
    .digest("hex");
  const workloadToken =
    WORKLOAD_TOKEN_PREFIX +
    createHmac("sha256", deps.exchangeSecret).update(`${workspaceId}\n${exchangeKey}`).digest("base64url");
  const source = sourceClaimsOf(relationship.name, token.payload);
  const write: WriteContext = {
    workspaceId,
    actor: `trust_relationship:${relationship.name}`,
    now,
    random: deps.runtime.randomBytes,
  };
  const id = newId("instance", write.random);
  const body = id.slice(id.indexOf("-") + 1);
  const row: InstancesTable = {
    id,
    workspace_id: workspaceId,
    kind: relationship.kind,
    tailscale_spec: spec,
    spec_source: relationship.tailscale_spec === null ? "label" : "request",
    runner_profile: parsedLabels?.profile?.name ?? null,
    runner_labels: labels === undefined ? null : toJsonColumn(labels),
    devbox_name: null,
    devbox_spec: null,
    hostname: `${relationship.kind === "generic" ? "nsc" : relationship.kind}-${body}`,
    workload_token_hash: hashSecret(workloadToken),
    created_by: write.actor,
    created_at: now,
    expires_at: now + relationship.instance_ttl_secs * 1000,
    destroyed_at: null,
    trust_relationship: relationship.name,
    source_claims: toJsonColumn(source),
    exchange_key: exchangeKey,
  };
  const instance = await deps.store.db.transaction().execute(async (trx) => {
    if ((await findTailscaleSpec(trx, workspaceId, spec)) === undefined) {
      throw specNotFound(spec, {
        namedBy:
          relationship.tailscale_spec === null
            ? "the job's labels"
            : `trust relationship ${JSON.stringify(relationship.name)}`,
      });
    }
    // Every unique key this row could clash on but its random ID is fixed by the exchange: the exchange
    // key, and the workload token's hash (derived from the workspace and the exchange key). So any conflict
    // is this same token exchanged at once by another request, and none may be an error. With the exchange
    // key alone as the conflict target, PostgreSQL raised a unique violation on the token hash when the
    // other transaction had inserted that index entry but not yet the exchange key's.
    const inserted = await trx
      .insertInto("instances")
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    const repeat = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0;
    const stored = repeat
      ? await trx
          .selectFrom("instances")
          .selectAll()
          .where("workspace_id", "=", workspaceId)
          .where("exchange_key", "=", exchangeKey)
          .executeTakeFirstOrThrow()
      : row;
    if (repeat && (stored.destroyed_at !== null || stored.expires_at <= now)) {
      throw new NscError(
        "exchange_token_used",
        `this token was already exchanged for instance ${stored.id}, which is ${stored.destroyed_at !== null ? "destroyed" : "expired"}: get a fresh token from its issuer`,
      );
    }
    await auditChange(trx, write, {
      action: "token.exchanged",
      objectKind: "instance",
      objectId: stored.id,
      detail: {
        trust_relationship: relationship.name,
        issuer: token.iss,
        subject: String(token.payload.sub),
        jti: jti ?? null,
        repeat,
        kind: stored.kind,
        tailscale_spec: stored.tailscale_spec,
        expires_at: new Date(stored.expires_at).toISOString(),
      },
    });
    return stored;
  });
  return {
    instance: toInstanceInfo(instance),
    workload_token: workloadToken,
    expires_at: new Date(instance.expires_at).toISOString(),
    trust_relationship: relationship.name,
  };
}

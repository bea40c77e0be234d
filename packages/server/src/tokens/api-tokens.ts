import {
  API_TOKEN_PREFIX,
  NscError,
  newId,
  type ApiTokenInfo,
  type Role,
  type WorkspaceId,
  type ApiTokenId,
} from "@nsc/core";
import { auditChange, type Actor } from "../audit/record-audit.js";
import type { WriteContext } from "../audit/write-context.js";
import type { Executor } from "../store/executor.js";
import type { ApiTokensTable } from "../store/schema.js";
import { hashSecret, newSecret } from "./token-secret.js";

/** The identity behind a valid API token. */
export interface Principal {
  readonly kind: "api_token";
  readonly workspaceId: WorkspaceId;
  readonly tokenId: ApiTokenId;
  readonly role: Role;
}

export interface NewApiToken {
  readonly name: string;
  readonly role: Role;
  readonly expiresAt: number | null;
}

/** Creates an API token and returns its secret, which is shown once and stored only as a hash. */
export async function createApiToken(
  db: Executor,
  token: NewApiToken,
  write: WriteContext,
): Promise<{ readonly info: ApiTokenInfo; readonly secret: string }> {
  const secret = newSecret(API_TOKEN_PREFIX, write.random);
  const row: ApiTokensTable = {
    id: newId("apiToken", write.random),
    workspace_id: write.workspaceId,
    name: token.name,
    role: token.role,
    secret_hash: hashSecret(secret),
    created_at: write.now,
    expires_at: token.expiresAt,
    revoked_at: null,
    last_used_at: null,
  };
  await db.insertInto("api_tokens").values(row).execute();
  await auditChange(db, write, {
    action: "api_token.created",
    objectKind: "api_token",
    objectId: row.id,
    detail: { name: token.name, role: token.role, expires_at: toIso(token.expiresAt) },
  });
  return { info: toInfo(row), secret };
}

/**
 * Finds the principal for a presented secret. Unknown, revoked and expired tokens are all
 * `unauthenticated`, with a message that says which, so an operator knows whether to renew or re-create.
 */
export async function authenticateApiToken(db: Executor, secret: string, now: number): Promise<Principal> {
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "workspace_id", "role", "expires_at", "revoked_at", "last_used_at"])
    .where("secret_hash", "=", hashSecret(secret))
    .executeTakeFirst();
  if (row === undefined) {
    throw new NscError(
      "unauthenticated",
      "the API token is not valid: check it, or create a new one with `nsc tokens create`",
    );
  }
  if (row.revoked_at !== null) {
    throw new NscError("unauthenticated", "the API token was revoked: ask an admin for a new one");
  }
  if (row.expires_at !== null && row.expires_at <= now) {
    throw new NscError("token_expired", "the API token has expired: ask an admin for a new one");
  }
  // Coarse last-use tracking: at most one write a minute per token keeps reads cheap.
  if (row.last_used_at === null || now - row.last_used_at > 60_000) {
    await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  return { kind: "api_token", workspaceId: row.workspace_id, tokenId: row.id, role: row.role };
}

/** Lists a workspace's API tokens, oldest first, without secrets. */
export async function listApiTokens(
  db: Executor,
  workspaceId: WorkspaceId,
): Promise<readonly ApiTokenInfo[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toInfo);
}

/**
 * Revokes a token of the workspace. Revoking an already revoked token changes nothing. The workspace's
 * last active admin token is never revoked: that would lock the workspace out for good. Run inside a
 * transaction; on PostgreSQL the active admin tokens are locked, so two admins revoking each other at
 * once cannot both succeed.
 *
 * @throws NscError `token_not_found`, `last_admin_token`.
 */
export async function revokeApiToken(
  db: Executor,
  tokenId: ApiTokenId,
  write: WriteContext,
  dialect: "sqlite" | "postgres" = "sqlite",
): Promise<ApiTokenInfo> {
  const row = await db
    .selectFrom("api_tokens")
    .selectAll()
    .where("workspace_id", "=", write.workspaceId)
    .where("id", "=", tokenId)
    .executeTakeFirst();
  if (row === undefined) {
    throw new NscError(
      "token_not_found",
      `API token "${tokenId}" not found: list tokens with \`nsc tokens list\``,
    );
  }
  if (row.revoked_at !== null) return toInfo(row);
  if (row.role === "admin") await refuseLastAdmin(db, row.id, write, dialect);
  await db.updateTable("api_tokens").set({ revoked_at: write.now }).where("id", "=", tokenId).execute();
  await auditChange(db, write, {
    action: "api_token.revoked",
    objectKind: "api_token",
    objectId: tokenId,
    detail: { name: row.name },
  });
  return toInfo({ ...row, revoked_at: write.now });
}

async function refuseLastAdmin(
  db: Executor,
  tokenId: ApiTokenId,
  write: WriteContext,
  dialect: "sqlite" | "postgres",
): Promise<void> {
  let query = db
    .selectFrom("api_tokens")
    .select(["id", "expires_at"])
    .where("workspace_id", "=", write.workspaceId)
    .where("role", "=", "admin")
    .where("revoked_at", "is", null)
    .orderBy("id");
  if (dialect === "postgres") query = query.forUpdate();
  const admins = await query.execute();
  const others = admins.filter(
    (a) => a.id !== tokenId && (a.expires_at === null || a.expires_at > write.now),
  );
  if (others.length > 0) return;
  throw new NscError(
    "last_admin_token",
    `API token "${tokenId}" is the workspace's last active admin token; revoking it would lock everyone out: create another admin token first (\`nsc tokens create --name N --role admin\`). If no admin token works any more, an operator can make one on the server with \`nsc-server tokens create --workspace ${write.workspaceId} --role admin\``,
  );
}

function toInfo(row: ApiTokensTable): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    created_at: new Date(row.created_at).toISOString(),
    expires_at: toIso(row.expires_at),
    revoked_at: toIso(row.revoked_at),
    last_used_at: toIso(row.last_used_at),
  };
}

function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The audit actor of a request made with an API token: `token:<id>`. */
export function actorOf(principal: Principal): Actor {
  return `token:${principal.tokenId}`;
}

/** A workspace as `GET /v1/workspace` shows it. `tenant_id` equals `id`, for nsc compatibility. */
export interface WorkspaceInfo {
  readonly id: string;
  readonly tenant_id: string;
  readonly name: string;
  readonly created_at: string;
  /** The role of the token that asked. */
  readonly role: string;
  /** The issuer URL tokens of this workspace carry as `iss`. */
  readonly issuer_url: string;
}

const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/u;

/** True when `name` is a valid workspace display name (1–63 letters, digits, space, `.`, `_`, `-`). */
export function isValidWorkspaceName(name: string): boolean {
  return WORKSPACE_NAME.test(name);
}
